using System.Reflection;
using System.Text.Json;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Web.Data;

/// <summary>
/// The data-access API. Every read of area-owned rows passes the <see cref="AreaScope"/> query
/// filters and every write passes the scope guard and the audit writer in <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options, AreaScope scope, TimeProvider clock)
    : IdentityUserContext<AppUser, Guid>(options)
{
    // Properties whose values never go into the audit log.
    private static readonly HashSet<string> s_secretProperties =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail), nameof(AppUser.LastTotpTimeStep),
        nameof(Member.SearchName), nameof(Team.SearchName), nameof(Neighbourhood.SearchName), nameof(Commune.SearchName),
        nameof(IdentityUserToken<>.Value),
        nameof(Resident.CitizenIdCipher), nameof(Resident.CitizenIdHash), nameof(Resident.PhoneCipher), nameof(Resident.PhoneHash),
        nameof(Household.SearchText),
    ];

    // Vietnamese stays readable in the stored JSON (Razor encodes it when shown).
    private static readonly JsonSerializerOptions s_auditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public AreaScope Scope { get; } = scope;

    /// <summary>Set by bulk imports of public reference data, which write one summary audit line instead.</summary>
    public bool SkipRowAudit { get; set; }

    public DbSet<Province> Provinces => Set<Province>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<AdminUnitChange> AdminUnitChanges => Set<AdminUnitChange>();
    public DbSet<Neighbourhood> Neighbourhoods => Set<Neighbourhood>();
    public DbSet<NeighbourhoodChange> NeighbourhoodChanges => Set<NeighbourhoodChange>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamDecision> TeamDecisions => Set<TeamDecision>();
    public DbSet<Affiliation> Affiliations => Set<Affiliation>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<ReadinessItem> ReadinessItems => Set<ReadinessItem>();
    public DbSet<ReadinessEvent> ReadinessEvents => Set<ReadinessEvent>();
    public DbSet<SupportActivity> SupportActivities => Set<SupportActivity>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<SupportSession> SupportSessions => Set<SupportSession>();
    public DbSet<SupportSessionMember> SupportSessionMembers => Set<SupportSessionMember>();
    public DbSet<SupportSessionResident> SupportSessionResidents => Set<SupportSessionResident>();
    public DbSet<SupportSessionActivity> SupportSessionActivities => Set<SupportSessionActivity>();
    public DbSet<HouseholdAssignment> HouseholdAssignments => Set<HouseholdAssignment>();
    public DbSet<SyncBatch> SyncBatches => Set<SyncBatch>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<TrainingTopic> TrainingTopics => Set<TrainingTopic>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseTopic> CourseTopics => Set<CourseTopic>();
    public DbSet<CourseInvitee> CourseInvitees => Set<CourseInvitee>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<CourseCompletion> CourseCompletions => Set<CourseCompletion>();
    public DbSet<CommunityModel> CommunityModels => Set<CommunityModel>();
    public DbSet<CommunityEvent> CommunityEvents => Set<CommunityEvent>();
    public DbSet<CommunityEventNeighbourhood> CommunityEventNeighbourhoods => Set<CommunityEventNeighbourhood>();
    public DbSet<CommunityEventMember> CommunityEventMembers => Set<CommunityEventMember>();
    public DbSet<CommunityEventPhoto> CommunityEventPhotos => Set<CommunityEventPhoto>();
    public DbSet<CommunicationItem> CommunicationItems => Set<CommunicationItem>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTarget> PlanTargets => Set<PlanTarget>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<PlanModel> PlanModels => Set<PlanModel>();
    public DbSet<PlanReporting> PlanReportingRules => Set<PlanReporting>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<PlanTargetShare> PlanTargetShares => Set<PlanTargetShare>();
    public DbSet<PlanTaskEvidence> TaskEvidence => Set<PlanTaskEvidence>();
    public DbSet<ProvincePlan> ProvincePlans => Set<ProvincePlan>();
    public DbSet<ProvinceTarget> ProvinceTargets => Set<ProvinceTarget>();
    public DbSet<ProvinceTargetShare> ProvinceTargetShares => Set<ProvinceTargetShare>();
    public DbSet<ExternalValue> ExternalValues => Set<ExternalValue>();
    public DbSet<ResidenceFact> ResidenceFacts => Set<ResidenceFact>();
    public DbSet<IndicatorSeries> IndicatorSeries => Set<IndicatorSeries>();
    public DbSet<IndicatorCount> IndicatorCounts => Set<IndicatorCount>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Province.Configure(builder.Entity<Province>());
        Commune.Configure(builder.Entity<Commune>());
        AdminUnitChange.Configure(builder.Entity<AdminUnitChange>());
        Neighbourhood.Configure(builder.Entity<Neighbourhood>());
        NeighbourhoodChange.Configure(builder.Entity<NeighbourhoodChange>());
        Team.Configure(builder.Entity<Team>());
        TeamDecision.Configure(builder.Entity<TeamDecision>());
        Affiliation.Configure(builder.Entity<Affiliation>());
        Member.Configure(builder.Entity<Member>());
        AppUser.Configure(builder.Entity<AppUser>());
        UserSession.Configure(builder.Entity<UserSession>());
        AuditEntry.Configure(builder.Entity<AuditEntry>());
        Household.Configure(builder.Entity<Household>());
        Resident.Configure(builder.Entity<Resident>());
        Business.Configure(builder.Entity<Business>());
        ReadinessItem.Configure(builder.Entity<ReadinessItem>());
        ReadinessEvent.Configure(builder.Entity<ReadinessEvent>());
        SupportActivity.Configure(builder.Entity<SupportActivity>());
        Campaign.Configure(builder.Entity<Campaign>());
        SupportSession.Configure(builder.Entity<SupportSession>());
        SupportSessionMember.Configure(builder.Entity<SupportSessionMember>());
        SupportSessionResident.Configure(builder.Entity<SupportSessionResident>());
        SupportSessionActivity.Configure(builder.Entity<SupportSessionActivity>());
        HouseholdAssignment.Configure(builder.Entity<HouseholdAssignment>());
        SyncBatch.Configure(builder.Entity<SyncBatch>());
        ImportMapping.Configure(builder.Entity<ImportMapping>());
        TrainingTopic.Configure(builder.Entity<TrainingTopic>());
        Course.Configure(builder.Entity<Course>());
        CourseTopic.Configure(builder.Entity<CourseTopic>());
        CourseInvitee.Configure(builder.Entity<CourseInvitee>());
        TrainingSession.Configure(builder.Entity<TrainingSession>());
        Attendance.Configure(builder.Entity<Attendance>());
        CourseCompletion.Configure(builder.Entity<CourseCompletion>());
        CommunityModel.Configure(builder.Entity<CommunityModel>());
        CommunityEvent.Configure(builder.Entity<CommunityEvent>());
        CommunityEventNeighbourhood.Configure(builder.Entity<CommunityEventNeighbourhood>());
        CommunityEventMember.Configure(builder.Entity<CommunityEventMember>());
        CommunityEventPhoto.Configure(builder.Entity<CommunityEventPhoto>());
        CommunicationItem.Configure(builder.Entity<CommunicationItem>());
        Indicator.Configure(builder.Entity<Indicator>());
        Plan.Configure(builder.Entity<Plan>());
        PlanTarget.Configure(builder.Entity<PlanTarget>());
        PlanTask.Configure(builder.Entity<PlanTask>());
        PlanModel.Configure(builder.Entity<PlanModel>());
        PlanReporting.Configure(builder.Entity<PlanReporting>());
        Holiday.Configure(builder.Entity<Holiday>());
        PlanTargetShare.Configure(builder.Entity<PlanTargetShare>());
        PlanTaskEvidence.Configure(builder.Entity<PlanTaskEvidence>());
        ProvincePlan.Configure(builder.Entity<ProvincePlan>());
        ProvinceTarget.Configure(builder.Entity<ProvinceTarget>());
        ProvinceTargetShare.Configure(builder.Entity<ProvinceTargetShare>());
        ExternalValue.Configure(builder.Entity<ExternalValue>());
        ResidenceFact.Configure(builder.Entity<ResidenceFact>());
        Data.IndicatorSeries.Configure(builder.Entity<IndicatorSeries>());
        IndicatorCount.Configure(builder.Entity<IndicatorCount>());

        // The area scope: the one place where reads are bounded. Outside it a row does not exist.
        // The yes/no parts of the scope are inlined (EF.Constant), so the SQL of a scoped user reads
        // "CommuneId = @c" and uses the indexes that start with the commune; as a parameter, SQLite
        // could plan "@all OR CommuneId = @c" only as a full scan. Each combination is its own cached query.
        builder.Entity<Province>().HasQueryFilter(p => EF.Constant(Scope.Unrestricted) || Scope.ProvinceIds.Contains(p.Id));
        builder.Entity<Commune>().HasQueryFilter(c => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(c.Id));
        builder.Entity<Neighbourhood>().HasQueryFilter(n => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(n.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || n.Id == Scope.NeighbourhoodId)));
        builder.Entity<NeighbourhoodChange>().HasQueryFilter(c => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(c.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || c.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<Team>().HasQueryFilter(t => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(t.CommuneId) && (EF.Constant(Scope.AllTeams) || t.Id == Scope.TeamId)));
        builder.Entity<TeamDecision>().HasQueryFilter(d => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(d.CommuneId) && (EF.Constant(Scope.AllTeams) || d.TeamId == Scope.TeamId)));
        builder.Entity<Member>().HasQueryFilter(m => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(m.CommuneId) && (EF.Constant(Scope.AllTeams) || m.TeamId == Scope.TeamId)));
        builder.Entity<Affiliation>().HasQueryFilter(a => a.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(a.CommuneId.Value));
        // Population rows: a team-scoped user sees only the team's own neighbourhood.
        builder.Entity<Household>().HasQueryFilter(h => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(h.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || h.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<Resident>().HasQueryFilter(r => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(r.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || r.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<Business>().HasQueryFilter(b => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(b.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || b.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<ReadinessEvent>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(x.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || x.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<ReadinessItem>().HasQueryFilter(i => i.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(i.CommuneId.Value));
        builder.Entity<SupportActivity>().HasQueryFilter(a => a.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(a.CommuneId.Value));
        builder.Entity<Campaign>().HasQueryFilter(c => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(c.CommuneId));
        builder.Entity<SupportSession>().HasQueryFilter(s => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(s.CommuneId) && (EF.Constant(Scope.AllTeams) || s.TeamId == Scope.TeamId)));
        builder.Entity<SupportSessionMember>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<SupportSessionResident>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<SupportSessionActivity>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<HouseholdAssignment>().HasQueryFilter(a => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(a.CommuneId) && (EF.Constant(Scope.AllTeams) || a.TeamId == Scope.TeamId)));
        builder.Entity<ImportMapping>().HasQueryFilter(m => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(m.CommuneId));
        // Training: courses and their sessions are the ward's; a member's attendance and completions, their team's.
        builder.Entity<TrainingTopic>().HasQueryFilter(t => t.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(t.CommuneId.Value));
        builder.Entity<Course>().HasQueryFilter(c => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(c.CommuneId));
        builder.Entity<CourseTopic>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<CourseInvitee>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<TrainingSession>().HasQueryFilter(s => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(s.CommuneId));
        builder.Entity<Attendance>().HasQueryFilter(a => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(a.CommuneId) && (EF.Constant(Scope.AllTeams) || a.TeamId == Scope.TeamId)));
        builder.Entity<CourseCompletion>().HasQueryFilter(c => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(c.CommuneId) && (EF.Constant(Scope.AllTeams) || c.TeamId == Scope.TeamId)));
        // Community events and communication items: a team sees the ward's own and those it recorded,
        // never another team's; the save guard lets it change only its own.
        builder.Entity<CommunityModel>().HasQueryFilter(m => m.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(m.CommuneId.Value));
        builder.Entity<CommunityEvent>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(x.CommuneId) && (EF.Constant(Scope.AllTeams) || x.TeamId == null || x.TeamId == Scope.TeamId)));
        builder.Entity<CommunityEventNeighbourhood>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<CommunityEventMember>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<CommunityEventPhoto>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<CommunicationItem>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(x.CommuneId) && (EF.Constant(Scope.AllTeams) || x.TeamId == null || x.TeamId == Scope.TeamId)));
        // Plans and their parts are the ward's: everyone of the ward reads them (a team its own
        // neighbourhood's figures), the policies let only the officer change them.
        builder.Entity<Indicator>().HasQueryFilter(i => i.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(i.CommuneId.Value));
        builder.Entity<Plan>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<PlanTarget>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<PlanTask>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<PlanModel>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        // National holidays are everyone's; a ward's own days only its own.
        builder.Entity<Holiday>().HasQueryFilter(h => h.CommuneId == null || EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(h.CommuneId.Value));
        builder.Entity<PlanReporting>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<PlanTargetShare>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<PlanTaskEvidence>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        // A province's plan is read and changed by its province's officers; its communes see what was
        // handed down to them through their own plan's targets.
        builder.Entity<ProvincePlan>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.ProvinceIds.Contains(x.ProvinceId));
        builder.Entity<ProvinceTarget>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.ProvinceIds.Contains(x.ProvinceId));
        builder.Entity<IndicatorSeries>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        // Counts are aggregates; a team reads its own neighbourhood's rows only (CountedFigures filters them).
        builder.Entity<IndicatorCount>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<ExternalValue>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted) || Scope.CommuneIds.Contains(x.CommuneId));
        builder.Entity<ResidenceFact>().HasQueryFilter(x => EF.Constant(Scope.Unrestricted)
            || (Scope.CommuneIds.Contains(x.CommuneId) && (EF.Constant(Scope.AllNeighbourhoods) || x.NeighbourhoodId == Scope.NeighbourhoodId)));
        builder.Entity<SyncBatch>().HasQueryFilter(b => EF.Constant(Scope.Unrestricted) || b.UserId == Scope.UserId);
        builder.Entity<AuditEntry>().HasQueryFilter(a => EF.Constant(Scope.Unrestricted)
            || (a.CommuneId != null && Scope.CommuneIds.Contains(a.CommuneId.Value) && EF.Constant(Scope.AllTeams)));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        GuardScope(changed);
        if (!IndicatorCounter.Touches(changed))
        {
            return await SaveCoreAsync(changed, acceptAllChangesOnSuccess, cancellationToken);
        }
        // Facts that counted indicators read: their counts change in the same transaction as the facts.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var counting = await IndicatorCounter.BeforeSaveAsync(this, changed, cancellationToken);
            var count = await SaveCoreAsync(changed, acceptAllChangesOnSuccess, cancellationToken);
            if (counting is not null)
            {
                await counting.AfterSaveAsync(cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            return count;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private async Task<int> SaveCoreAsync(List<EntityEntry> changed, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        // A sync batch's stored answer repeats what the sessions' own audit lines say already.
        if (SkipRowAudit || changed.All(e => e.Entity is AuditEntry or UserSession or SyncBatch))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Before-values and deletes are read now; a key the database makes exists only after the
        // insert, so then the audit lines are written in a second round inside the same transaction.
        var pending = changed.Where(e => e.Entity is not AuditEntry and not UserSession and not SyncBatch)
            .Select(e => (Entry: e, State: e.State, Changed: ChangedProperties(e), Before: e.State == EntityState.Added ? null : Snapshot(e, ChangedProperties(e), original: true)))
            .ToList();
        // When every new row's key is known already (ids made by the app), the audit lines go in
        // with the rows, in one round; a key the database makes exists only after the insert.
        if (!pending.Any(p => p.State == EntityState.Added && p.Entry.Properties.Any(x => x.IsTemporary)))
        {
            var lines = AddAuditLines(pending);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) - lines.Count;
            }
            catch
            {
                // A caller may fix the rows and save again: its lines are made again then.
                foreach (var line in lines)
                {
                    Entry(line).State = EntityState.Detached;
                }
                throw;
            }
        }
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AddAuditLines(pending);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Records a read of a full personal record or an export: these leave no other trace. The actor is
    /// the signed-in user, or <c>actor</c> when the request is not yet signed in as them (a sign-in).
    /// </summary>
    public void Audit(AuditAction action, string entityType, string? entityId, int? communeId, string? summary, AppUser? actor = null) =>
        AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.Id ?? Scope.UserId,
            UserName = actor?.UserName ?? Scope.UserName,
            Ip = Scope.Ip,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CommuneId = communeId,
            Summary = summary,
        });

    private void GuardScope(List<EntityEntry> changed)
    {
        foreach (var entry in changed)
        {
            if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
            {
                throw new InvalidOperationException("The audit log is append-only.");
            }
            if (entry.Entity is ICommuneOwned owned && !Scope.Allows(owned))
            {
                throw new ScopeViolationException($"{entry.Metadata.ClrType.Name} of commune {owned.CommuneId} is outside the actor's area.");
            }
        }
    }

    /// <summary>Adds an audit line per changed row (none for an update that changed nothing).</summary>
    private List<AuditEntry> AddAuditLines(List<(EntityEntry Entry, EntityState State, HashSet<string>? Changed, string? Before)> pending)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<AuditEntry>();
        foreach (var (entry, state, changedNames, before) in pending)
        {
            var after = state == EntityState.Deleted ? null : Snapshot(entry, changedNames, original: false);
            if (state == EntityState.Modified && JsonEquals(before, after))
            {
                continue;
            }
            var line = NewAuditEntry(entry, state, before, after, now);
            AuditEntries.Add(line);
            added.Add(line);
        }
        return added;
    }

    private AuditEntry NewAuditEntry(EntityEntry entry, EntityState state, string? before, string? after, DateTime now)
    {
        var key = entry.Metadata.FindPrimaryKey()!.Properties
            .Where(p => p.Name != nameof(ICommuneOwned.CommuneId))
            .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
        return new AuditEntry
        {
            AtUtc = now,
            UserId = Scope.UserId,
            UserName = Scope.UserName,
            Ip = Scope.Ip,
            Action = state switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            },
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join('/', key),
            CommuneId = entry.Entity switch
            {
                ICommuneOwned owned => owned.CommuneId,
                AppUser user => user.ScopeCommuneId,
                Affiliation affiliation => affiliation.CommuneId,
                ReadinessItem item => item.CommuneId,
                SupportActivity activity => activity.CommuneId,
                ICatalogueEntry catalogueEntry => catalogueEntry.CommuneId,
                Commune commune => commune.Id,
                ProvinceTargetShare share => share.CommuneId,
                _ => null,
            },
            Before = before,
            After = after,
        };
    }

    /// <summary>For an update only the properties that changed; for a create or delete all of them.</summary>
    private static HashSet<string>? ChangedProperties(EntityEntry entry) =>
        entry.State == EntityState.Modified
            ? entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToHashSet()
            : null;

    private static string? Snapshot(EntityEntry entry, HashSet<string>? only, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (s_secretProperties.Contains(name) || (only is not null && !only.Contains(name)))
            {
                continue;
            }
            var value = original ? property.OriginalValue : property.CurrentValue;
            var isPersonal = property.Metadata.PropertyInfo?.GetCustomAttribute<PersonalDataAttribute>() is not null;
            values[name] = isPersonal && value is string text ? PersonalData.Mask(text) : value;
        }
        return JsonSerializer.Serialize(values, s_auditJson);
    }

    private static bool JsonEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
}
