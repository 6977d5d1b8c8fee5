using System.Data;
using System.Globalization;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace CongDongSo.Web.Infrastructure.Imports;

/// <summary>
/// Inserts many new rows through the database's own bulk path: on SQLite prepared multi-row INSERTs,
/// on PostgreSQL binary COPY. The only raw SQL of the imports, kept here because the benchmark
/// (bench: import-residents ... ef) shows the change tracker costing several times the database's own
/// speed on a 100,000-row import. Columns, names and value conversions come from the EF model, so
/// this follows the entities; every row still passes the area-scope guard.
/// </summary>
/// <remarks>
/// Runs in the context's current transaction and writes no row audit (imports write one summary
/// line). One instance per import run: it keeps its prepared statements until disposed, which must
/// happen before the transaction ends.
/// </remarks>
public sealed class BulkInsert(AppDbContext db) : IDisposable
{
    /// <summary>Statement sizes in rows: a batch is cut greedily into these, each prepared once per run.</summary>
    private static readonly int[] s_sqliteSizes = [500, 100, 20, 5, 1];

    private readonly Dictionary<Type, Column[]> _columns = [];
    private readonly Dictionary<(Type Type, int Rows), sqlite3_stmt> _statements = [];
    private readonly Dictionary<Type, (int Inserted, int AtLastAnalyze)> _growth = [];

    /// <summary>
    /// PostgreSQL plans by table statistics, which autovacuum refreshes only some time after a commit:
    /// a table just filled (by this import or the one before) looks empty, and the chunk lookups get
    /// plans that scan the whole commune. ANALYZE samples the table (30,000 rows at most, tens of
    /// milliseconds), its own uncommitted rows included; without the owner's rights it only warns.
    /// SQLite's planner works without statistics.
    /// </summary>
    public async Task AnalyzeAsync(Type type, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsNpgsql())
        {
#pragma warning disable EF1003 // A table name from the EF model, not input.
            await db.Database.ExecuteSqlRawAsync("ANALYZE " + Columns(type)[0].Table, cancellationToken);
#pragma warning restore EF1003
        }
    }

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken = default) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        foreach (var row in rows)
        {
            if (row is ICommuneOwned owned && !db.Scope.Allows(owned))
            {
                throw new ScopeViolationException($"{typeof(T).Name} of commune {owned.CommuneId} is outside the actor's area.");
            }
        }
        var columns = Columns(typeof(T));
        if (db.Database.GetDbConnection().State != ConnectionState.Open || db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk inserts run inside the import's transaction.");
        }
        if (db.Database.IsNpgsql())
        {
            await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), columns, rows, cancellationToken);
            // Statistics again each time the import has grown what it inserted fourfold (5,000, 20,000, 80,000…).
            var (inserted, atLast) = _growth.GetValueOrDefault(typeof(T));
            inserted += rows.Count;
            if (inserted - atLast >= Math.Max(5_000, 3 * atLast))
            {
                await AnalyzeAsync(typeof(T), cancellationToken);
                atLast = inserted;
            }
            _growth[typeof(T)] = (inserted, atLast);
        }
        else
        {
            Insert((SqliteConnection)db.Database.GetDbConnection(), typeof(T), columns, rows);
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
        _statements.Clear();
    }

    private Column[] Columns(Type type)
    {
        if (!_columns.TryGetValue(type, out var columns))
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
            columns = [.. entityType.GetProperties().Select(p => new Column(tableName, sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter()))];
            _columns[type] = columns;
        }
        return columns;
    }

    /// <summary>
    /// Multi-row INSERTs bound by position through SQLite's own API: Microsoft.Data.Sqlite binds every
    /// parameter by name, a linear search per parameter that makes a 500-row statement (11,000
    /// parameters) cost more than the insert itself.
    /// </summary>
    private void Insert<T>(SqliteConnection connection, Type type, Column[] columns, IReadOnlyList<T> rows) where T : class
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var offset = 0;
        while (offset < rows.Count)
        {
            var size = s_sqliteSizes.First(s => s <= rows.Count - offset && s * columns.Length <= 32_000);
            if (!_statements.TryGetValue((type, size), out var statement))
            {
                var tuple = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Length)) + ")";
                var sql = $"INSERT INTO {columns[0].Table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES {string.Join(", ", Enumerable.Repeat(tuple, size))}";
                Check(raw.sqlite3_prepare_v2(handle, sql, out statement), handle);
                _statements[(type, size)] = statement;
            }
            try
            {
                var index = 1;
                for (var i = 0; i < size; i++)
                {
                    var row = rows[offset + i];
                    foreach (var column in columns)
                    {
                        Check(Bind(statement, index++, column.Value(row)), handle);
                    }
                }
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, handle);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
            offset += size;
        }
    }

    /// <summary>Values stored as Microsoft.Data.Sqlite stores them for EF (GUIDs as upper-case text, dates as ISO text), so EF reads them back.</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        double number => raw.sqlite3_bind_double(statement, index, number),
        Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
        DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}."),
    };

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, Column[] columns, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var types = columns.Select(c => CopyType(c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType)).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {columns[0].Table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var c = 0; c < columns.Length; c++)
            {
                if (columns[c].Value(row) is { } value)
                {
                    await importer.WriteAsync(value, types[c], cancellationToken);
                }
                else
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>The wire type of a provider value in binary COPY (varchar travels as text).</summary>
    private static NpgsqlDbType CopyType(Type clrType) => (Nullable.GetUnderlyingType(clrType) ?? clrType) switch
    {
        var t when t == typeof(string) => NpgsqlDbType.Text,
        var t when t == typeof(int) => NpgsqlDbType.Integer,
        var t when t == typeof(long) => NpgsqlDbType.Bigint,
        var t when t == typeof(short) => NpgsqlDbType.Smallint,
        var t when t == typeof(bool) => NpgsqlDbType.Boolean,
        var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
        var t when t == typeof(DateTime) => NpgsqlDbType.TimestampTz,
        var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
        var t when t == typeof(byte[]) => NpgsqlDbType.Bytea,
        var t when t == typeof(double) => NpgsqlDbType.Double,
        var t => throw new NotSupportedException($"No COPY type for {t.Name}."),
    };

    private sealed record Column(string Table, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        /// <summary>The value as the database stores it (enums as numbers…); null for SQL NULL.</summary>
        public object? Value(object entity)
        {
            var value = Getter.GetClrValue(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
