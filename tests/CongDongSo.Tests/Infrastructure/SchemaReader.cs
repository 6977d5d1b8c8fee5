using System.Data.Common;
using CongDongSo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Reads a database's schema as sorted lines (tables, columns, keys, indexes, foreign keys).</summary>
public static class SchemaReader
{
    public static async Task<List<string>> ReadAsync(AppDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            lines.RemoveAll(l => l.Contains("__EFMigrations", StringComparison.Ordinal)); // EF's own history and lock tables
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Select(r => r[0]))
        {
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} pk={c[3]}");
            }
            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                // Automatic indexes of keys are named by SQLite; keep only what defines them.
                var name = i[0].StartsWith("sqlite_autoindex", StringComparison.Ordinal) ? "auto" : i[0];
                lines.Add($"index {table} {name} unique={i[1]} origin={i[2]} ({string.Join(",", columns.Select(c => c[0]))})");
            }
            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"fk {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, is_nullable, coalesce(character_maximum_length::text, ''), coalesce(is_identity, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[4]}) nullable={c[3]} identity={c[5]}");
        }
        foreach (var i in await QueryAsync(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
        {
            lines.Add($"index {i[0]} {i[1]} {i[2]}");
        }
        foreach (var k in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """))
        {
            lines.Add($"constraint {k[0]} {k[1]} {k[2]}");
        }
        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }
            rows.Add(row);
        }
        return rows;
    }
}
