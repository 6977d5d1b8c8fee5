using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Xml;
using CongDongSo.Web.Infrastructure.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CongDongSo.Web.Infrastructure.Imports;

public enum SheetKind
{
    Csv = 1,
    Xlsx = 2,
}

/// <summary>One problem of an import, to show the person: the sheet row and column when known, and why.</summary>
/// <remarks><see cref="Key"/> is the Vietnamese message (a resource key) with <c>{0}</c>-style arguments.</remarks>
public sealed record ImportError(int? Row, string? Column, string Key, params object[] Args)
{
    public string Message(Func<string, object[], string>? localise = null) =>
        localise is null ? string.Format(CultureInfo.CurrentCulture, Key, Args) : localise(Key, Args);
}

/// <summary>A row of a sheet as the person sees it: its number (the header is row 1 in a normal sheet) and its cells.</summary>
public sealed record SheetRow(int Number, string[] Cells)
{
    public string Cell(int index) => index >= 0 && index < Cells.Length ? Cells[index] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads a CSV (UTF-8 or UTF-16, comma, semicolon or tab) or the first worksheet of an .xlsx row by row,
/// without loading the whole sheet: the imports of administrative units, neighbourhoods and population use it.
/// </summary>
/// <remarks>The type is decided by the content, never by the file name (SECURITY.md, uploads).</remarks>
public sealed class SheetReader : IDisposable
{
    public const long MaxBytes = 10 * 1024 * 1024;
    /// <summary>Far above any real list (3,321 communes); stops a crafted file from running on.</summary>
    public const int MaxRows = 100_000;
    private const int MaxSharedStringChars = 50_000_000;

    private readonly IDisposable? _resource;
    private readonly IEnumerator<SheetRow> _rows;
    private readonly int _maxRows;

    private SheetReader(IDisposable? resource, IEnumerable<SheetRow> rows, int maxRows = MaxRows)
    {
        _resource = resource;
        _rows = rows.GetEnumerator();
        _maxRows = maxRows;
    }

    private static readonly CsvReaderOptions CsvOptions = new()
    {
        HasHeader = false,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        MaxRecordSize = 1024 * 1024,
        // Cells may hold personal data (ID numbers, phones): none in exception messages, so none in logs.
        IncludeValuesInExceptions = false,
    };

    /// <summary>Set when the file turned out to be unreadable part way; no more rows come after it.</summary>
    public ImportError? Error { get; private set; }

    /// <summary>
    /// Opens a sheet after checking by its content that it is CSV text or an .xlsx (zip) package.
    /// The upload is read whole into memory first (at most <see cref="MaxBytes"/>).
    /// </summary>
    public static SheetReader? Open(Stream content, out ImportError? error)
    {
        var bytes = ReadAll(content);
        if (bytes is null)
        {
            error = new ImportError(null, null, "Tệp lớn hơn {0} MB.", MaxBytes / 1024 / 1024);
            return null;
        }
        var kind = Detect(bytes, out error);
        if (kind is null)
        {
            return null;
        }
        if (kind == SheetKind.Csv)
        {
            var csv = CsvReader.Create(bytes, CsvOptions);
            return new SheetReader(csv, CsvRows(csv));
        }
        try
        {
            var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false);
            var sheet = FirstWorksheet(document);
            if (sheet is null)
            {
                // A zip without a workbook (a .docx, an archive) is not a spreadsheet at all.
                error = document.WorkbookPart is null
                    ? new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.")
                    : new ImportError(null, null, "Tệp Excel không có trang tính nào.");
                document.Dispose();
                return null;
            }
            return new SheetReader(document, XlsxRows(sheet, SharedStrings(document)));
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            error = new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.");
            return null;
        }
    }

    /// <summary>
    /// Opens a sheet saved by <see cref="SaveAsync"/> and streams it from the disk: a CSV record by
    /// record, an .xlsx row by row (only the shared-string table, which Excel keeps apart from the rows, is held).
    /// </summary>
    public static SheetReader? OpenFile(string path, int maxRows, out ImportError? error)
    {
        error = null;
        Span<byte> head = stackalloc byte[4];
        int read;
        using (var probe = File.OpenRead(path))
        {
            read = probe.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        if (read == 0)
        {
            error = new ImportError(null, null, "Tệp rỗng.");
            return null;
        }
        if (!head[..read].StartsWith("PK\u0003\u0004"u8))
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            var csv = CsvReader.Create(stream, CsvOptions, leaveOpen: false);
            return new SheetReader(csv, CsvRows(csv), maxRows);
        }
        SpreadsheetDocument? document = null;
        try
        {
            document = SpreadsheetDocument.Open(path, false);
            var sheet = FirstWorksheet(document);
            if (sheet is null)
            {
                error = document.WorkbookPart is null
                    ? new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.")
                    : new ImportError(null, null, "Tệp Excel không có trang tính nào.");
                document.Dispose();
                return null;
            }
            return new SheetReader(document, XlsxRows(sheet, SharedStrings(document)), maxRows);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            document?.Dispose();
            error = new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.");
            return null;
        }
    }

    /// <summary>
    /// Copies an upload to <paramref name="path"/> while checking it by its content: at most
    /// <paramref name="maxBytes"/>, an .xlsx (zip) package or CSV text in UTF-8 (checked to the last
    /// byte, without holding the file) or UTF-16. On a refusal the partial copy is deleted.
    /// </summary>
    public static async Task<ImportError?> SaveAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken = default)
    {
        var error = await CopyCheckedAsync(content, path, maxBytes, cancellationToken);
        if (error is not null)
        {
            File.Delete(path);
        }
        return error;
    }

    private static async Task<ImportError?> CopyCheckedAsync(Stream content, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var target = new FileStream(path, options);
        var buffer = new byte[81920];
        long total = 0;
        SheetKind? kind = null;
        // Strict UTF-8: a byte sequence split between two reads is carried over by the decoder.
        Decoder? utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[buffer.Length + 4];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                return new ImportError(null, null, "Tệp lớn hơn {0} MB.", maxBytes / 1024 / 1024);
            }
            var chunk = buffer.AsSpan(0, read);
            if (kind is null)
            {
                kind = Detect(chunk, out var detectError);
                if (kind is null)
                {
                    return detectError;
                }
                if (chunk.StartsWith(new byte[] { 0xFF, 0xFE }) || chunk.StartsWith(new byte[] { 0xFE, 0xFF }))
                {
                    utf8 = null; // UTF-16 text: its own decoder reads it later
                }
            }
            if (kind == SheetKind.Csv && utf8 is not null)
            {
                if (chunk.Contains((byte)0))
                {
                    return new ImportError(null, null, "Tệp không phải CSV hay Excel .xlsx.");
                }
                try
                {
                    utf8.GetChars(chunk, chars, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    return new ImportError(null, null, "Tệp CSV phải lưu bằng bảng mã UTF-8.");
                }
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        if (kind is null)
        {
            return new ImportError(null, null, "Tệp rỗng.");
        }
        if (kind == SheetKind.Csv && utf8 is not null)
        {
            try
            {
                utf8.GetChars([], chars, flush: true);
            }
            catch (DecoderFallbackException)
            {
                return new ImportError(null, null, "Tệp CSV phải lưu bằng bảng mã UTF-8.");
            }
        }
        return null;
    }

    /// <summary>CSV text (UTF-8, or UTF-16 with its byte-order mark) or a zip package; anything else is refused.</summary>
    public static SheetKind? Detect(ReadOnlySpan<byte> content, out ImportError? error)
    {
        error = null;
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return SheetKind.Xlsx;
        }
        if (content.StartsWith(new byte[] { 0xFF, 0xFE }) || content.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return SheetKind.Csv;
        }
        if (content.IsEmpty)
        {
            error = new ImportError(null, null, "Tệp rỗng.");
            return null;
        }
        if (content.Contains((byte)0))
        {
            error = new ImportError(null, null, "Tệp không phải CSV hay Excel .xlsx.");
            return null;
        }
        if (!Utf8.IsValid(content))
        {
            error = new ImportError(null, null, "Tệp CSV phải lưu bằng bảng mã UTF-8.");
            return null;
        }
        return SheetKind.Csv;
    }

    /// <summary>The whole stream, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    private static byte[]? ReadAll(Stream content)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The next non-blank row, or null at the end (or when <see cref="Error"/> is set).</summary>
    public SheetRow? Next()
    {
        if (Error is not null)
        {
            return null;
        }
        try
        {
            while (_rows.MoveNext())
            {
                var row = _rows.Current;
                if (row.Number > _maxRows)
                {
                    Error = new ImportError(row.Number, null, "Tệp có quá {0} dòng.", _maxRows);
                    return null;
                }
                if (!row.IsBlank)
                {
                    return row;
                }
            }
            return null;
        }
        catch (CsvFormatException e)
        {
            var line = (int)Math.Min(e.LineNumber, int.MaxValue);
            Error = new ImportError(line == 0 ? null : line, null, "Tệp CSV bị lỗi ở dòng {0} (dấu ngoặc kép không đúng chỗ?).", line);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            Error = new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.");
        }
        return null;
    }

    /// <summary>
    /// The comparable form of a header: no BOM, no diacritics, lower case, punctuation as spaces,
    /// so "Tỉnh/Thành phố" and "tinh thanh pho" are the same column.
    /// </summary>
    public static string HeaderKey(string? header)
    {
        var folded = VietnameseText.Fold(header?.Replace("\uFEFF", "", StringComparison.Ordinal));
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Finds each wanted column in the header row by <see cref="HeaderKey"/>; -1 when absent.</summary>
    public static Dictionary<string, int> MapColumns(SheetRow header, IEnumerable<string> wanted, List<ImportError> errors)
    {
        var keys = header.Cells.Select(HeaderKey).ToArray();
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in wanted)
        {
            var key = HeaderKey(column);
            var matches = Enumerable.Range(0, keys.Length).Where(i => keys[i] == key).ToArray();
            map[column] = matches.Length > 0 ? matches[0] : -1;
            if (matches.Length > 1)
            {
                errors.Add(new ImportError(null, column, "Cột “{0}” xuất hiện {1} lần; hãy giữ một cột.", column, matches.Length));
            }
        }
        return map;
    }

    public void Dispose()
    {
        _rows.Dispose();
        _resource?.Dispose();
    }

    private static bool IsUnreadable(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or XmlException or FormatException or IOException or InvalidOperationException;

    private static IEnumerable<SheetRow> CsvRows(CsvReader csv)
    {
        while (csv.Read())
        {
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i) ?? "";
            }
            yield return new SheetRow((int)Math.Min(csv.LineNumber, int.MaxValue), cells);
        }
    }

    private static WorksheetPart? FirstWorksheet(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart;
        var first = workbook?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (workbook is null || first?.Id?.Value is not { } relationshipId)
        {
            return null;
        }
        return workbook.GetPartById(relationshipId) as WorksheetPart;
    }

    /// <summary>The shared-string table, read element by element (the text of most cells lives here).</summary>
    private static List<string> SharedStrings(SpreadsheetDocument document)
    {
        var strings = new List<string>();
        if (document.WorkbookPart?.SharedStringTablePart is not { } part)
        {
            return strings;
        }
        long total = 0;
        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                // LoadCurrentElement moves the reader past the item, so no Read() here.
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                var text = item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
                total += text.Length;
                if (total > MaxSharedStringChars)
                {
                    throw new InvalidDataException("Shared strings exceed the limit.");
                }
                strings.Add(text);
                continue;
            }
            reader.Read();
        }
        return strings;
    }

    private static IEnumerable<SheetRow> XlsxRows(WorksheetPart sheet, List<string> sharedStrings)
    {
        using var reader = OpenXmlReader.Create(sheet);
        var lastRow = 0;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                reader.Read();
                continue;
            }
            // One row at a time in memory; the reader moves past it.
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : lastRow + 1;
            lastRow = number;
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                if (column > 1000)
                {
                    continue;
                }
                while (cells.Count < column)
                {
                    cells.Add("");
                }
                var value = CellText(cell, sharedStrings);
                if (column < cells.Count)
                {
                    cells[column] = value;
                }
                else
                {
                    cells.Add(value);
                }
            }
            yield return new SheetRow(number, [.. cells]);
        }
    }

    private static string CellText(Cell cell, List<string> sharedStrings)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : "";
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            var inline = cell.InlineString;
            return inline?.Text?.Text ?? string.Concat(inline?.Elements<Run>().Select(r => r.Text?.Text) ?? []);
        }
        if (cell.DataType is null || cell.DataType.Value == CellValues.Number)
        {
            // Whole numbers come back without ".0" so a code typed as a number reads as typed.
            if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number))
            {
                return decimal.Truncate(number).ToString(CultureInfo.InvariantCulture);
            }
        }
        return raw;
    }

    /// <summary>"C12" → 2 (zero-based column of a cell reference).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
            }
            else
            {
                break;
            }
        }
        return index == 0 ? null : index - 1;
    }
}
