using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CongDongSo.Web.Data.Migrations;

/// <summary>
/// A versioned migration whose body is a reviewed SQL script per provider
/// (Data/Migrations/&lt;Provider&gt;/&lt;Id&gt;.sql). EF's own migrator applies them and keeps the history table.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var id = GetType().GetCustomAttribute<MigrationAttribute>()!.Id;
        var folder = migrationBuilder.IsSqlite() ? "Sqlite" : "Postgres";
        migrationBuilder.Sql(ReadScript($"{folder}/{id}.sql"));
    }

    internal static string ReadScript(string name)
    {
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream($"migrations/{name}")
            ?? throw new InvalidOperationException($"Migration script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
