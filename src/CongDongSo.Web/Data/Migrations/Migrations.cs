using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CongDongSo.Web.Data.Migrations;

// One class per migration, oldest first. Add a script to both provider folders with the same id.

[DbContext(typeof(AppDbContext))]
[Migration("20261122000100_Initial")]
public sealed class Initial : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000200_Population")]
public sealed class Population : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261201000100_SyncRequestHash")]
public sealed class SyncRequestHash : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261202000100_TrainingAndCommunity")]
public sealed class TrainingAndCommunity : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000100_PlansAndIndicators")]
public sealed class PlansAndIndicators : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000200_IndicatorCounts")]
public sealed class IndicatorCounts : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000300_ProvincePlans")]
public sealed class ProvincePlans : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000400_TaskEvidence")]
public sealed class TaskEvidence : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000500_TaskEvidenceFiles")]
public sealed class TaskEvidenceFiles : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261203000600_ReportingCalendar")]
public sealed class ReportingCalendarRules : SqlMigration;
