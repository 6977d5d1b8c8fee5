using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CongDongSo.Web.Data;

/// <summary>A sum of counts: numerator, base, surveyed subjects, late records.</summary>
public readonly record struct CountSum(int Num, int Den, int Seen, int Late)
{
    public static CountSum operator +(CountSum a, CountSum b) => new(a.Num + b.Num, a.Den + b.Den, a.Seen + b.Seen, a.Late + b.Late);
}

/// <summary>One row read from <see cref="IndicatorCount"/>: an area's sum in a bucket (or a range of buckets).</summary>
public readonly record struct CountRow(int CommuneId, int IndicatorId, Guid Area, int Part, DateOnly Bucket, CountSum Sum);

/// <summary>
/// Reads of the counts through the connection, not the change tracker: a dashboard reads a few
/// thousand small rows, and EF's materialising of each (a GUID and a date parsed from SQLite's text)
/// cost more than the query. Parameters go through EF's type mappings, so values are stored and
/// compared in the provider's own form; indicator and commune ids are integers written in the SQL,
/// which lets SQLite search each one's range of the key.
/// </summary>
public static class CountQueries
{
    private const string Sums = "SUM(\"Numerator\"), SUM(\"Denominator\"), SUM(\"Seen\"), SUM(\"Late\")";

    /// <summary>
    /// Per commune, indicator and area: part 0, the years before <paramref name="upTo"/>'s; part 1, the
    /// months of its year before its month (one row a month with <paramref name="months"/>, else summed);
    /// part 2, the days of its month up to it. <paramref name="area"/>: one area only (a team's
    /// neighbourhood, or <see cref="Guid.Empty"/> for communes' totals); null: every area.
    /// </summary>
    public static async Task<List<CountRow>> ReadAsync(AppDbContext db, IReadOnlyCollection<int> communeIds, IReadOnlyCollection<int> indicatorIds,
        DateOnly upTo, Guid? area, bool months, CancellationToken cancellationToken = default)
    {
        var rows = new List<CountRow>();
        if (communeIds.Count == 0 || indicatorIds.Count == 0)
        {
            return rows;
        }
        var yearStart = new DateOnly(upTo.Year, 1, 1);
        var monthStart = new DateOnly(upTo.Year, upTo.Month, 1);
        var where = $"\"CommuneId\" IN ({string.Join(", ", communeIds.Select(c => c.ToString(CultureInfo.InvariantCulture)))}) "
            + $"AND \"IndicatorId\" IN ({string.Join(", ", indicatorIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))})"
            + (area is null ? "" : " AND \"NeighbourhoodId\" = @area");
        const string key = "\"CommuneId\", \"IndicatorId\", \"NeighbourhoodId\"";
        var sql = $"SELECT {key}, 0, @yearStart, {Sums} FROM \"IndicatorCounts\" WHERE {where} AND \"Level\" = 2 AND \"Bucket\" < @yearStart GROUP BY {key} "
            + (months
                ? $"UNION ALL SELECT {key}, 1, \"Bucket\", \"Numerator\", \"Denominator\", \"Seen\", \"Late\" FROM \"IndicatorCounts\" WHERE {where} AND \"Level\" = 1 AND \"Bucket\" >= @yearStart AND \"Bucket\" < @monthStart "
                : $"UNION ALL SELECT {key}, 1, @yearStart, {Sums} FROM \"IndicatorCounts\" WHERE {where} AND \"Level\" = 1 AND \"Bucket\" >= @yearStart AND \"Bucket\" < @monthStart GROUP BY {key} ")
            + $"UNION ALL SELECT {key}, 2, @monthStart, {Sums} FROM \"IndicatorCounts\" WHERE {where} AND \"Level\" = 0 AND \"Bucket\" >= @monthStart AND \"Bucket\" <= @upTo GROUP BY {key}";

        var read = new LeanCommand(db).With("@yearStart", yearStart).With("@monthStart", monthStart).With("@upTo", upTo);
        if (area is { } only)
        {
            read.With("@area", only);
        }
        static int Int(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
        await read.ReadAsync(sql, (reader, _) => rows.Add(new CountRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetGuid(2), Int(reader, 3), reader.GetFieldValue<DateOnly>(4),
            new CountSum(Int(reader, 5), Int(reader, 6), Int(reader, 7), Int(reader, 8)))), cancellationToken);
        return rows;
    }
}

/// <summary>
/// A statement (or several, read one result after another) run through the context's connection and
/// transaction, for the counter's reads on every save: EF's per-query cost is several times the read
/// of a household. Values are bound through EF's type mappings, so they compare as EF stores them.
/// </summary>
internal sealed class LeanCommand(AppDbContext db)
{
    private readonly List<(string Name, object Value)> _parameters = [];

    public LeanCommand With(string name, object value)
    {
        _parameters.Add((name, value));
        return this;
    }

    /// <summary>"@p0, @p1, …": one parameter per value, for an IN list.</summary>
    public string List<T>(string prefix, IEnumerable<T> values) where T : notnull
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{names.Count}");
            _parameters.Add((name, value));
            names.Add(name);
        }
        return string.Join(", ", names);
    }

    /// <summary>Calls <paramref name="onRow"/> with each row and the number of the statement it came from.</summary>
    public async Task ReadAsync(string sql, Action<DbDataReader, int> onRow, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var mappings = db.GetService<IRelationalTypeMappingSource>();
            foreach (var (name, value) in _parameters)
            {
                command.Parameters.Add(mappings.FindMapping(value.GetType())!.CreateParameter(command, name, value));
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var result = 0;
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    onRow(reader, result);
                }
                result++;
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
