using System.Globalization;
using System.Text.Unicode;
using System.Text;
using System.Xml;
using CongDongSo.Web.Infrastructure.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml;

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
    /// <summary>The row's own number in the sheet's STT column, when it has one.</summary>
    public string? Stt { get; init; }

    /// <summary>Whom the row is about (the person's or the household's name), so the officer finds it.</summary>
    public string? Name { get; init; }

    /// <summary>A warning: the row was imported, but should be looked at.</summary>
    public bool IsWarning { get; init; }

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

    // Caps on what a package may inflate to, checked from its directory before anything is read
    // (a 1 MB zip can hold a 1 GiB sheet), and on the characters actually read, so that a package
    // whose directory lies stops too. Excel's own limit for a cell is 32,767 characters.
    public const int MaxEntries = 10_000;
    public const long MaxEntryBytes = 300L * 1024 * 1024;
    public const long MaxPackageBytes = 600L * 1024 * 1024;
    /// <summary>Real sheets compress 5–30 times; far beyond this is a bomb (checked on entries over 1 MiB).</summary>
    public const int MaxCompressionRatio = 200;
    public const int MaxCellChars = 32_767;
    public const int MaxRowChars = 200_000;
    public const long MaxSheetChars = 320_000_000;
    public const long MaxSharedStringChars = 50_000_000;
    public const int MaxSharedStrings = 2_000_000;
    /// <summary>workbook.xml, relationships, content types: small in any real file, loaded whole by the SDK.</summary>
    private const long MaxPartChars = 16_000_000;

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
        error = CheckPackage(new MemoryStream(bytes, writable: false));
        if (error is not null)
        {
            return null;
        }
        try
        {
            var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false, s_openSettings);
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
            return new SheetReader(document, XlsxRows(sheet, SharedStrings(document), MergedRanges(sheet)));
        }
        catch (SheetLimitException e)
        {
            error = e.Error;
            return null;
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
        using (var package = File.OpenRead(path))
        {
            error = CheckPackage(package);
        }
        if (error is not null)
        {
            return null;
        }
        SpreadsheetDocument? document = null;
        try
        {
            document = SpreadsheetDocument.Open(path, false, s_openSettings);
            var sheet = FirstWorksheet(document);
            if (sheet is null)
            {
                error = document.WorkbookPart is null
                    ? new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.")
                    : new ImportError(null, null, "Tệp Excel không có trang tính nào.");
                document.Dispose();
                return null;
            }
            return new SheetReader(document, XlsxRows(sheet, SharedStrings(document), MergedRanges(sheet)), maxRows);
        }
        catch (SheetLimitException e)
        {
            document?.Dispose();
            error = e.Error;
            return null;
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
        if (content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            error = new ImportError(null, null, "Tệp Excel 97–2003 (.xls) chưa đọc được: hãy mở trong Excel và lưu lại thành .xlsx.");
            return null;
        }
        if (LooksLikeMarkup(content))
        {
            // A web page or an XML file saved with a sheet's name: text, but not a list.
            error = new ImportError(null, null, "Tệp không phải CSV hay Excel .xlsx.");
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

    /// <summary>Text whose first character (after a byte-order mark and blanks) opens a tag.</summary>
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }
        var start = content.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && content[start] == (byte)'<';
    }

    /// <summary>
    /// Reads the zip's central directory (nothing is inflated) and refuses a package with too many
    /// entries, an entry or a total that inflates beyond the caps, or an entry compressed far more
    /// than any real sheet: the marks of a zip bomb.
    /// </summary>
    public static ImportError? CheckPackage(Stream package)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(package, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return new ImportError(null, null, "Tệp Excel có quá nhiều phần ({0}); có thể là tệp độc hại.", zip.Entries.Count);
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                var ratio = entry.Length / Math.Max(entry.CompressedLength, 1);
                if (entry.Length > MaxEntryBytes || total > MaxPackageBytes || (entry.Length > 1024 * 1024 && ratio > MaxCompressionRatio))
                {
                    return new ImportError(null, null,
                        "Tệp Excel bất thường: giải nén ra quá lớn ({0} MB từ {1} MB); có thể là tệp độc hại. Hãy lưu lại tệp từ Excel rồi tải lên.",
                        Math.Max(entry.Length, total) / 1024 / 1024, Math.Max(1, entry.CompressedLength / 1024 / 1024));
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return new ImportError(null, null, "Tệp không phải tệp Excel .xlsx hợp lệ.");
        }
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
        catch (SheetLimitException e)
        {
            Error = e.Error;
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

    private static readonly OpenSettings s_openSettings = new() { MaxCharactersInPart = MaxPartChars };

    /// <summary>A plain XML reader over a part: no DTD, no entities, at most <paramref name="maxChars"/> characters.</summary>
    private static XmlReader PartReader(OpenXmlPart part, long maxChars) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxChars,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    });

    /// <summary>
    /// The shared-string table (the text of most cells lives here), read with plain XML: each item is
    /// its text, or the text of its runs; phonetic guides (rPh) are not part of the value.
    /// </summary>
    private static List<string> SharedStrings(SpreadsheetDocument document)
    {
        var strings = new List<string>();
        if (document.WorkbookPart?.SharedStringTablePart is not { } part)
        {
            return strings;
        }
        long total = 0;
        using var reader = PartReader(part, MaxSharedStringChars + (MaxSharedStrings * 16L));
        var text = new StringBuilder();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si")
            {
                continue;
            }
            text.Clear();
            ReadTextOf(reader, text, MaxCellChars, null);
            total += text.Length;
            if (total > MaxSharedStringChars || strings.Count >= MaxSharedStrings)
            {
                throw new SheetLimitException(new ImportError(null, null, "Tệp Excel có quá nhiều chữ (trên {0} triệu ký tự).", MaxSharedStringChars / 1_000_000));
            }
            strings.Add(text.ToString());
        }
        return strings;
    }

    /// <summary>
    /// The rows of a worksheet, read with plain XML one element at a time: no row, cell or text is
    /// ever held beyond its caps, whatever the file claims.
    /// </summary>
    /// <summary>A merged block of cells (zero-based columns, sheet row numbers): Excel keeps its value in the top-left cell only.</summary>
    private sealed record MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

    private const int MaxMergedRanges = 100_000;

    /// <summary>
    /// The sheet's merged ranges. Excel writes them after the rows, so this is a first pass over the part;
    /// it reads and keeps nothing else. Ranges of one cell, or past the columns read, are left out.
    /// </summary>
    private static List<MergedRange> MergedRanges(WorksheetPart sheet)
    {
        var ranges = new List<MergedRange>();
        using var reader = PartReader(sheet, MaxSheetChars);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "mergeCell")
            {
                continue;
            }
            var parts = reader.GetAttribute("ref")?.Split(':');
            if (parts is not { Length: 2 } || CellPosition(parts[0]) is not { } from || CellPosition(parts[1]) is not { } to
                || to.Row < from.Row || to.Column < from.Column || from.Column > 1000 || (from == to))
            {
                continue;
            }
            ranges.Add(new MergedRange(from.Row, from.Column, to.Row, Math.Min(to.Column, 1000)));
            if (ranges.Count > MaxMergedRanges)
            {
                throw new SheetLimitException(new ImportError(null, null, "Tệp Excel có quá nhiều ô gộp (trên {0}).", MaxMergedRanges));
            }
        }
        return ranges;
    }

    /// <summary>"C12" → row 12, column 2.</summary>
    private static (int Row, int Column)? CellPosition(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetterUpper).Count();
        return ColumnIndex(reference) is { } column && letters < reference.Length
            && int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0
            ? (row, column)
            : null;
    }

    /// <summary>
    /// Every cell of a merged range reads as its top-left cell: a household code or address merged down
    /// over the household's members belongs to each of them, as the person sees it in Excel.
    /// </summary>
    private static void FillMerged(int number, List<string> cells, Dictionary<int, List<MergedRange>> starting, List<(MergedRange Range, string Value)> open)
    {
        open.RemoveAll(m => m.Range.LastRow < number);
        if (starting.Remove(number, out var here))
        {
            open.AddRange(here.Select(m => (m, m.FirstColumn < cells.Count ? cells[m.FirstColumn] : "")));
        }
        foreach (var (range, value) in open)
        {
            if (range.FirstRow > number || value.Length == 0)
            {
                continue;
            }
            while (cells.Count <= range.LastColumn)
            {
                cells.Add("");
            }
            for (var c = range.FirstColumn; c <= range.LastColumn; c++)
            {
                cells[c] = value;
            }
        }
    }

    private static IEnumerable<SheetRow> XlsxRows(WorksheetPart sheet, List<string> sharedStrings, List<MergedRange> merged)
    {
        using var reader = PartReader(sheet, MaxSheetChars);
        var lastRow = 0;
        var text = new StringBuilder();
        var starting = merged.GroupBy(m => m.FirstRow).ToDictionary(g => g.Key, g => g.ToList());
        var open = new List<(MergedRange Range, string Value)>();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
            {
                continue;
            }
            var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0
                ? index
                : lastRow + 1;
            lastRow = number;
            var cells = new List<string>();
            var rowChars = 0;
            if (!reader.IsEmptyElement)
            {
                var depth = reader.Depth;
                while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "c")
                    {
                        continue;
                    }
                    var column = ColumnIndex(reader.GetAttribute("r")) ?? cells.Count;
                    var value = ReadCell(reader, number, text, sharedStrings);
                    if (column > 1000)
                    {
                        continue;
                    }
                    rowChars += value.Length;
                    if (rowChars > MaxRowChars)
                    {
                        throw new SheetLimitException(new ImportError(number, null, "Dòng {0} có quá nhiều chữ (trên {1} ký tự).", number, MaxRowChars));
                    }
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    if (column < cells.Count)
                    {
                        cells[column] = value;
                    }
                    else
                    {
                        cells.Add(value);
                    }
                }
            }
            if (merged.Count > 0)
            {
                FillMerged(number, cells, starting, open);
            }
            yield return new SheetRow(number, [.. cells]);
        }
    }

    /// <summary>One &lt;c&gt; element, the reader on its start: its value as text, by its type.</summary>
    private static string ReadCell(XmlReader reader, int row, StringBuilder text, List<string> sharedStrings)
    {
        var type = reader.GetAttribute("t");
        string? raw = null;
        string? inline = null;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.LocalName == "v")
                {
                    text.Clear();
                    ReadTextOf(reader, text, MaxCellChars, row);
                    raw = text.ToString();
                }
                else if (reader.LocalName == "is")
                {
                    text.Clear();
                    ReadTextOf(reader, text, MaxCellChars, row);
                    inline = text.ToString();
                }
                // Anything else (a formula's <f>, an extension) is read past: not the value.
            }
        }
        raw ??= "";
        switch (type)
        {
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : "";
            case "inlineStr":
                return inline ?? "";
            case null or "n":
                // Whole numbers come back without ".0" so a code typed as a number reads as typed.
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == decimal.Truncate(number))
                {
                    return decimal.Truncate(number).ToString(CultureInfo.InvariantCulture);
                }
                return raw;
            default:
                return raw; // str (a formula's text), b (0/1), d (ISO date), e (an error such as #N/A)
        }
    }

    /// <summary>
    /// Appends the text of the element the reader is on and leaves the reader on its end: a value
    /// (&lt;v&gt;) is its own text; a string item (&lt;si&gt;, &lt;is&gt;) is the text of its &lt;t&gt;
    /// elements, not of phonetic guides (&lt;rPh&gt;) nor the layout between tags. Text is read in
    /// chunks, so a cell that claims a gigabyte stops at the cap.
    /// </summary>
    private static void ReadTextOf(XmlReader reader, StringBuilder text, int maxChars, int? row)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }
        var direct = reader.LocalName == "v";
        var depth = reader.Depth;
        var textDepth = -1; // depth of the <t> being read
        var phoneticDepth = -1;
        var chunk = new char[4096];
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "rPh" && !reader.IsEmptyElement && phoneticDepth < 0:
                    phoneticDepth = reader.Depth;
                    break;
                case XmlNodeType.Element when reader.LocalName == "t" && !reader.IsEmptyElement && phoneticDepth < 0:
                    textDepth = reader.Depth;
                    break;
                case XmlNodeType.EndElement when reader.Depth == phoneticDepth:
                    phoneticDepth = -1;
                    break;
                case XmlNodeType.EndElement when reader.Depth == textDepth:
                    textDepth = -1;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace
                    when direct || (textDepth >= 0 && phoneticDepth < 0):
                    int read;
                    while ((read = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        if (text.Length + read > maxChars)
                        {
                            throw new SheetLimitException(row is { } r
                                ? new ImportError(r, null, "Dòng {0} có ô dài quá {1} ký tự.", r, maxChars)
                                : new ImportError(null, null, "Tệp Excel có ô dài quá {0} ký tự.", maxChars));
                        }
                        text.Append(chunk, 0, read);
                    }
                    break;
            }
        }
    }

    /// <summary>A file beyond one of the caps: reading stops with this error.</summary>
    private sealed class SheetLimitException(ImportError error) : Exception(error.Key)
    {
        public ImportError Error { get; } = error;
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
