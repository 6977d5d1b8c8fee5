using System.Text.Json;
using CongDongSo.Web.Data;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CongDongSo.Web.Features.Plans;

/// <summary>An error of a plan file, at a JSON Pointer path ("/targets/3/value").</summary>
public sealed record PlanFileError(string Path, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "/" : Path)}: {Message}";
}

/// <summary>
/// Reads a plan file into a new plan of a commune: validated against plan.schema.json, then every
/// code checked against the ward's catalogues (or the file's own sections), then written in one
/// transaction. A file with any error writes nothing.
/// </summary>
public static class PlanImport
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromText(ReadResource("plans/plan.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static string SchemaText => ReadResource("plans/plan.schema.json");

    /// <summary>The shipped templates: code (file name) and the file.</summary>
    public static IReadOnlyList<(string Code, PlanFile File)> Templates => s_templates.Value;

    private static readonly Lazy<List<(string Code, PlanFile File)>> s_templates = new(() =>
        [.. typeof(PlanImport).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("plans/templates/", StringComparison.Ordinal) && !n.EndsWith("/indicators.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (Path.GetFileNameWithoutExtension(n["plans/templates/".Length..]), PlanFile.Parse(ReadResource(n))))]);

    /// <summary>The national indicator catalogue shipped with the product.</summary>
    public static IReadOnlyList<IndicatorFile> NationalIndicators =>
        JsonSerializer.Deserialize<List<IndicatorFile>>(ReadResource("plans/templates/indicators.json"), PlanFile.Json) ?? [];

    private static string ReadResource(string name)
    {
        using var stream = typeof(PlanImport).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Schema errors of a JSON text, each at its path; a text that is not JSON gives one error with its line.</summary>
    public static List<PlanFileError> Validate(string json, IStringLocalizer l)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return [new PlanFileError("", l["Tệp không phải JSON hợp lệ (dòng {0}, vị trí {1}).", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1])];
        }
        using (document)
        {
            var results = s_schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return [];
            }
            return [.. (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => new PlanFileError(d.InstanceLocation.ToString(), l["Không đúng mẫu: {0}", e.Value])))
                .DistinctBy(e => e.ToString())
                .Take(50)];
        }
    }

    /// <summary>
    /// Creates a plan from a file for <paramref name="year"/> (the file's year when null; deadlines and
    /// dates move by the difference, so last year's plan or a template becomes this year's). A
    /// <paramref name="fresh"/> plan (from a template or a copy) starts as a draft with every task not started.
    /// </summary>
    public static async Task<(Plan? Plan, List<PlanFileError> Errors)> ImportAsync(AppDbContext db, int communeId, string json, int? year,
        string? templateCode, bool fresh, IStringLocalizer l, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var errors = Validate(json, l);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var file = PlanFile.Parse(json);
        var shift = (year ?? file.Plan.Year) - file.Plan.Year;
        DateOnly? Shift(DateOnly? day) => day?.AddYears(shift);

        var items = await db.ReadinessItems.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => i.Code).ToListAsync(cancellationToken);
        var models = await db.CommunityModels.AsNoTracking().Where(m => m.CommuneId == null || m.CommuneId == communeId).Select(m => new { m.Code, m.Id, Own = m.CommuneId != null }).ToListAsync(cancellationToken);
        var topics = await db.TrainingTopics.AsNoTracking().Where(t => t.CommuneId == null || t.CommuneId == communeId).Select(t => t.Code).ToListAsync(cancellationToken);
        var activities = await db.SupportActivities.AsNoTracking().Where(a => a.CommuneId == null || a.CommuneId == communeId).Select(a => a.Code).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => new { i.Code, i.Id, Own = i.CommuneId != null }).ToListAsync(cancellationToken);

        var knownItems = items.Concat((file.ReadinessItems ?? []).Select(i => i.Code)).ToHashSet(StringComparer.Ordinal);
        var knownModels = models.Select(m => m.Code).Concat((file.CommunityModels ?? []).Select(m => m.Code)).ToHashSet(StringComparer.Ordinal);
        var knownTopics = topics.ToHashSet(StringComparer.Ordinal);
        var knownActivities = activities.ToHashSet(StringComparer.Ordinal);
        var fileIndicators = new Dictionary<string, IndicatorFormula>(StringComparer.Ordinal);

        foreach (var (item, i) in (file.ReadinessItems ?? []).Select((x, i) => (x, i)))
        {
            var codes = item.Choices.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var (achieved, j) in item.Achieved.Select((x, j) => (x, j)).Where(a => !codes.Contains(a.x)))
            {
                errors.Add(new PlanFileError($"/readinessItems/{i}/achieved/{j}", l["“{0}” không phải một lựa chọn của mục này.", achieved]));
            }
        }
        foreach (var (indicator, i) in (file.Indicators ?? []).Select((x, i) => (x, i)))
        {
            IndicatorFormula formula;
            try
            {
                formula = IndicatorFormula.Parse(indicator.Formula.GetRawText());
            }
            catch (JsonException)
            {
                errors.Add(new PlanFileError($"/indicators/{i}/formula", l["Công thức không đọc được."]));
                continue;
            }
            errors.AddRange(FormulaRules.Check(formula, $"/indicators/{i}/formula", knownItems, knownTopics, knownModels, knownActivities, l));
            fileIndicators.TryAdd(indicator.Code, formula);
        }
        var indicatorCodes = indicators.Select(x => x.Code).Concat(fileIndicators.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var (target, i) in (file.Targets ?? []).Select((x, i) => (x, i)))
        {
            if (!indicatorCodes.Contains(target.Indicator))
            {
                errors.Add(new PlanFileError($"/targets/{i}/indicator", l["Chỉ số “{0}” không có trong danh mục chỉ số và không được khai trong tệp.", target.Indicator]));
            }
            CheckDate(target.Deadline, $"/targets/{i}/deadline", errors, l);
            if (target.Period is "week" or "once")
            {
                errors.Add(new PlanFileError($"/targets/{i}/period", l["Chu kỳ của chỉ tiêu chỉ là tháng, quý, 6 tháng hoặc năm."]));
            }
        }
        foreach (var (task, i) in (file.Tasks ?? []).Select((x, i) => (x, i)))
        {
            CheckDate(task.Deadline, $"/tasks/{i}/deadline", errors, l);
        }
        foreach (var (model, i) in (file.Models ?? []).Select((x, i) => (x, i)))
        {
            if (!knownModels.Contains(model.Model))
            {
                errors.Add(new PlanFileError($"/models/{i}/model", l["Mô hình “{0}” không có trong danh mục mô hình.", model.Model]));
            }
        }
        foreach (var (rule, i) in (file.Reporting ?? []).Select((x, i) => (x, i)))
        {
            CheckDate(rule.DueDate, $"/reporting/{i}/dueDate", errors, l);
            if (rule.Period == "once" && rule.DueDate is null)
            {
                errors.Add(new PlanFileError($"/reporting/{i}/dueDate", l["Báo cáo một lần cần ngày hạn."]));
            }
        }
        CheckDate(file.Plan.IssuedOn, "/plan/issuedOn", errors, l);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Catalogue rows the file brings and the ward lacks: added as the ward's own.
        foreach (var item in (file.ReadinessItems ?? []).Where(i => !items.Contains(i.Code)))
        {
            db.ReadinessItems.Add(new ReadinessItem
            {
                CommuneId = communeId, Code = item.Code, Name = item.Name,
                Subject = item.Subject == "business" ? ReadinessSubject.Business : ReadinessSubject.Resident,
                Choices = string.Join('|', item.Choices.Select(c => $"{c.Code}:{c.Label}")), AchievedValues = string.Join(',', item.Achieved), SortOrder = 1000,
            });
        }
        foreach (var model in (file.CommunityModels ?? []).Where(m => models.All(x => x.Code != m.Code)))
        {
            db.CommunityModels.Add(new CommunityModel { CommuneId = communeId, Code = model.Code, Name = model.Name, Description = model.Description, SortOrder = 1000 });
        }
        foreach (var indicator in (file.Indicators ?? []).Where(i => indicators.All(x => x.Code != i.Code)).DistinctBy(i => i.Code))
        {
            db.Indicators.Add(new Indicator
            {
                CommuneId = communeId, Code = indicator.Code, Name = indicator.NameVi, NameEn = indicator.NameEn, Description = indicator.Definition,
                FormulaJson = fileIndicators[indicator.Code].ToJson(), SortOrder = 1000,
            });
        }
        await db.SaveChangesAsync(cancellationToken);

        var indicatorIds = (await db.Indicators.AsNoTracking().Where(i => i.CommuneId == null || i.CommuneId == communeId).Select(i => new { i.Code, i.Id, Own = i.CommuneId != null }).ToListAsync(cancellationToken))
            .OrderByDescending(i => i.Own).DistinctBy(i => i.Code).ToDictionary(i => i.Code, i => i.Id, StringComparer.Ordinal);
        var modelIds = (await db.CommunityModels.AsNoTracking().Where(m => m.CommuneId == null || m.CommuneId == communeId).Select(m => new { m.Code, m.Id, Own = m.CommuneId != null }).ToListAsync(cancellationToken))
            .OrderByDescending(m => m.Own).DistinctBy(m => m.Code).ToDictionary(m => m.Code, m => m.Id, StringComparer.Ordinal);

        var header = file.Plan;
        var plan = new Plan
        {
            CommuneId = communeId, Year = header.Year + shift, Number = header.Number, Title = header.Title, IssuedOn = Shift(PlanFile.ParseDate(header.IssuedOn)),
            Issuer = header.Issuer, Signer = header.Signer, SignerTitle = header.SignerTitle,
            LegalBases = header.LegalBases is { Count: > 0 } bases ? string.Join('\n', bases) : null, Purpose = header.Purpose,
            Status = fresh ? PlanStatus.Draft : Spelling.Parse(header.Status, PlanStatus.Draft), TemplateCode = templateCode,
            CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc,
        };
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        var order = 0;
        foreach (var t in file.Targets ?? [])
        {
            plan.Targets.Add(new PlanTarget
            {
                CommuneId = communeId, PlanId = plan.Id, Code = t.Code, Group = t.Group, Text = t.Text, IndicatorId = indicatorIds[t.Indicator],
                Comparator = Spelling.ParseComparator(t.Comparator), Value = t.Value, Deadline = Shift(PlanFile.ParseDate(t.Deadline)) ?? yearEnd,
                Scope = Spelling.Parse(t.Scope, TargetScope.Commune), Period = t.Period is null ? null : Spelling.Parse(t.Period, Cadence.Month), SortOrder = order += 10,
            });
        }
        order = 0;
        foreach (var t in file.Tasks ?? [])
        {
            var deadline = Shift(PlanFile.ParseDate(t.Deadline));
            plan.Tasks.Add(new PlanTask
            {
                CommuneId = communeId, PlanId = plan.Id, Code = t.Code, Group = t.Group, Content = t.Content, Lead = t.Lead,
                Partners = t.Partners is { Count: > 0 } partners ? string.Join('\n', partners) : null, Deadline = deadline, Ongoing = t.Ongoing ?? deadline is null,
                DeadlineText = shift == 0 ? t.DeadlineText : null, Status = fresh ? PlanTaskStatus.NotStarted : Spelling.Parse(t.Status, PlanTaskStatus.NotStarted),
                Evidence = fresh ? null : t.Evidence, SortOrder = order += 10,
            });
        }
        foreach (var m in file.Models ?? [])
        {
            plan.Models.Add(new PlanModel
            {
                CommuneId = communeId, PlanId = plan.Id, ModelId = modelIds[m.Model], Cadence = Spelling.Parse(m.Cadence, Cadence.Month), Times = m.Times ?? 1,
                Scope = Spelling.Parse(m.Scope, TargetScope.Commune), Note = m.Note,
            });
        }
        foreach (var r in file.Reporting ?? [])
        {
            plan.Reporting.Add(new PlanReporting
            {
                CommuneId = communeId, PlanId = plan.Id, Name = r.Name, FromUnit = r.From, ToUnit = r.To, Period = Spelling.Parse(r.Period, Cadence.Month),
                DueDay = r.DueDay, DueMonth = r.DueMonth, DueBefore = r.DueBefore ?? true, DueDate = Shift(PlanFile.ParseDate(r.DueDate)), Note = r.Note,
                Reporter = Spelling.Parse(r.Reporter, ReportingLevel.Team), CutoffDay = r.CutoffDay, MoveToWorkingDay = r.MoveToWorkingDay ?? false,
            });
        }
        db.Plans.Add(plan);
        await ProvincePlanning.InheritAsync(db, plan, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (plan, []);
    }

    private static void CheckDate(string? text, string path, List<PlanFileError> errors, IStringLocalizer l)
    {
        if (text is not null && PlanFile.ParseDate(text) is null)
        {
            errors.Add(new PlanFileError(path, l["Ngày “{0}” không có thật (định dạng yyyy-MM-dd).", text]));
        }
        else if (PlanFile.ParseDate(text) is { Year: < 2000 or > 2100 })
        {
            errors.Add(new PlanFileError(path, l["Ngày phải trong các năm 2000–2100."]));
        }
    }

    /// <summary>The plan as a file: its header and parts, with every indicator it uses and the ward's own catalogue rows those need.</summary>
    public static async Task<PlanFile> ExportAsync(AppDbContext db, Guid planId, CancellationToken cancellationToken = default)
    {
        var plan = await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Targets).ThenInclude(t => t.Indicator).Include(p => p.Tasks).Include(p => p.Models).Include(p => p.Reporting)
            .SingleAsync(p => p.Id == planId, cancellationToken);
        var modelCodes = await db.CommunityModels.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        var usedIndicators = plan.Targets.Select(t => t.Indicator!).DistinctBy(i => i.Id).ToList();
        var formulas = usedIndicators.Select(i => IndicatorFormula.Parse(i.FormulaJson)).ToList();
        var itemCodes = formulas.SelectMany(f => f.Having.Concat(f.Among)).Select(c => c.Item).ToHashSet(StringComparer.Ordinal);
        var ownItems = await db.ReadinessItems.AsNoTracking().Where(i => i.CommuneId == plan.CommuneId && itemCodes.Contains(i.Code)).ToListAsync(cancellationToken);
        var usedModels = plan.Models.Select(m => modelCodes[m.ModelId]).Where(m => m.CommuneId is not null).DistinctBy(m => m.Id).ToList();
        return new PlanFile
        {
            Schema = "https://congdongso.vn/schemas/plan-v1.json",
            Plan = new PlanHeaderFile
            {
                Year = plan.Year, Number = plan.Number, Title = plan.Title, IssuedOn = plan.IssuedOn is { } issued ? PlanFile.Date(issued) : null,
                Issuer = plan.Issuer, Signer = plan.Signer, SignerTitle = plan.SignerTitle,
                LegalBases = plan.LegalBases is { } bases ? [.. bases.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
                Purpose = plan.Purpose, Status = Spelling.Of(plan.Status),
            },
            ReadinessItems = ownItems.Count == 0 ? null : [.. ownItems.Select(i => new ReadinessItemFile(i.Code, i.Name, i.Subject == ReadinessSubject.Business ? "business" : "resident",
                [.. i.ChoiceList().Select(c => new ChoiceFile(c.Code, c.Label))], [.. i.AchievedValues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]))],
            CommunityModels = usedModels.Count == 0 ? null : [.. usedModels.Select(m => new CommunityModelFile(m.Code, m.Name, m.Description))],
            Indicators = [.. usedIndicators.Select((i, n) => new IndicatorFile
            {
                Code = i.Code, NameVi = i.Name, NameEn = i.NameEn, Definition = i.Description,
                Formula = JsonDocument.Parse(formulas[n].ToJson()).RootElement.Clone(),
            })],
            Targets = [.. plan.Targets.OrderBy(t => t.SortOrder).Select(t => new TargetFile
            {
                Code = t.Code, Group = t.Group, Text = t.Text, Indicator = t.Indicator!.Code, Comparator = Spelling.Of(t.Comparator), Value = t.Value,
                Deadline = PlanFile.Date(t.Deadline), Scope = Spelling.Of(t.Scope), Period = t.Period is { } p ? Spelling.Of(p) : null,
            })],
            Tasks = [.. plan.Tasks.OrderBy(t => t.SortOrder).Select(t => new TaskFile
            {
                Code = t.Code, Group = t.Group, Content = t.Content, Lead = t.Lead,
                Partners = t.Partners is { } partners ? [.. partners.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : null,
                Deadline = t.Deadline is { } d ? PlanFile.Date(d) : null, Ongoing = t.Ongoing ? true : null, DeadlineText = t.DeadlineText,
                Status = Spelling.Of(t.Status), Evidence = t.Evidence,
            })],
            Models = [.. plan.Models.Select(m => new ModelFile
            {
                Model = modelCodes[m.ModelId].Code, Cadence = Spelling.Of(m.Cadence), Times = m.Times, Scope = Spelling.Of(m.Scope), Note = m.Note,
            })],
            Reporting = [.. plan.Reporting.Select(r => new ReportingFile
            {
                Name = r.Name, From = r.FromUnit, To = r.ToUnit, Period = Spelling.Of(r.Period), DueDay = r.DueDay, DueMonth = r.DueMonth,
                DueBefore = r.DueBefore, DueDate = r.DueDate is { } due ? PlanFile.Date(due) : null, Note = r.Note,
                Reporter = Spelling.Of(r.Reporter), CutoffDay = r.CutoffDay, MoveToWorkingDay = r.MoveToWorkingDay,
            })],
        };
    }
}

/// <summary>The plan file's spellings of the enums: snake_case of the names, and the comparator's symbols.</summary>
public static class Spelling
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static T Parse<T>(string? text, T fallback) where T : struct, Enum =>
        text is null ? fallback : Enum.GetValues<T>().FirstOrDefault(v => Of(v) == text, fallback);

    public static string Of(Comparator comparator) => Symbol(comparator);

    public static string Symbol(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => ">=",
        Comparator.MoreThan => ">",
        Comparator.AtMost => "<=",
        Comparator.LessThan => "<",
        _ => "=",
    };

    /// <summary>The sign a page shows (≥ rather than >=).</summary>
    public static string Sign(Comparator comparator) => comparator switch
    {
        Comparator.AtLeast => "≥",
        Comparator.MoreThan => ">",
        Comparator.AtMost => "≤",
        Comparator.LessThan => "<",
        _ => "=",
    };

    public static Comparator ParseComparator(string text) =>
        Enum.GetValues<Comparator>().FirstOrDefault(c => Symbol(c) == text, Comparator.AtLeast);
}
