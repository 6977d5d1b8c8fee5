using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CongDongSo.Web.Data;

/// <summary>
/// One writer at a time per SQLite file, queued in the process instead of in SQLite.
/// </summary>
/// <remarks>
/// SQLite lets one connection write at a time. When several requests write at once, the others
/// wait in SQLite's busy handler, which sleeps the thread (1 ms, 2 ms, … 100 ms a try): on a
/// two-core server a dozen phones syncing at once block the thread pool, and every request, reads
/// included, waits behind them (p99 of the one-session sync was ~600 ms at 16 connections).
/// Here a writer awaits its turn without holding a thread, and gets the lock as soon as the previous
/// writer commits. A write is a transaction (held from BEGIN to COMMIT or ROLLBACK, or until its
/// connection closes) or a writing statement outside one. Another process writing the same file
/// (a backup, the maintenance commands) still meets SQLite's own busy timeout.
/// </remarks>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    /// <summary>Longer than any write takes; a writer still waiting then fails as SQLite's own "database is locked" would.</summary>
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>The turn a connection or a command holds, released exactly once.</summary>
    private readonly ConditionalWeakTable<object, Turn> _held = [];

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, connection);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, connection, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(ConnectionOf(eventData));

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(ConnectionOf(eventData));
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback raises no transaction event; its connection closes.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterIfLoneWrite(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await EnterIfLoneWriteAsync(command, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterIfLoneWrite(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterIfLoneWriteAsync(command, cancellationToken);
        return result;
    }

    // A writing statement that returns rows (INSERT … RETURNING) holds the lock until its reader is done.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(command);
        return Task.CompletedTask;
    }

    // After a commit SQLite's transaction forgets its connection; the context still knows it.
    private static DbConnection? ConnectionOf(TransactionEventData eventData) => eventData.Context?.Database.GetDbConnection();

    private void EnterIfLoneWrite(DbCommand command)
    {
        if (IsLoneWrite(command))
        {
            Enter(command.Connection!, command);
        }
    }

    private ValueTask EnterIfLoneWriteAsync(DbCommand command, CancellationToken cancellationToken) =>
        IsLoneWrite(command) ? EnterAsync(command.Connection!, command, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>A statement that writes and runs on its own (inside a transaction, the transaction holds the turn).</summary>
    private static bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.Connection is not null
        && !command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private SemaphoreSlim? GateOf(DbConnection connection)
    {
        var file = connection.DataSource;
        // A private in-memory database belongs to its one connection: nobody to queue behind.
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : _gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
    }

    private void Enter(DbConnection connection, object holder)
    {
        if (GateOf(connection) is { } gate && !Holds(holder))
        {
            if (!gate.Wait(s_wait))
            {
                throw Locked();
            }
            _held.AddOrUpdate(holder, new Turn(gate));
        }
    }

    private async ValueTask EnterAsync(DbConnection connection, object holder, CancellationToken cancellationToken)
    {
        if (GateOf(connection) is { } gate && !Holds(holder))
        {
            if (!await gate.WaitAsync(s_wait, cancellationToken))
            {
                throw Locked();
            }
            _held.AddOrUpdate(holder, new Turn(gate));
        }
    }

    private bool Holds(object holder) => _held.TryGetValue(holder, out var turn) && !turn.IsReleased;

    private void Leave(object? holder)
    {
        if (holder is not null && _held.TryGetValue(holder, out var turn))
        {
            _held.Remove(holder);
            turn.Release();
        }
    }

    private static SqliteException Locked() =>
        new("database is locked: another write held the database longer than " + s_wait.TotalSeconds + " s", 5 /* SQLITE_BUSY */);

    private sealed class Turn(SemaphoreSlim gate)
    {
        private int _released;

        public bool IsReleased => Volatile.Read(ref _released) == 1;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
