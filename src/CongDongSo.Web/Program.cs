using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Areas;
using CongDongSo.Web.Features.Community;
using CongDongSo.Web.Features.FieldWork;
using CongDongSo.Web.Features.Health;
using CongDongSo.Web.Features.Imports;
using CongDongSo.Web.Features.Teams;
using CongDongSo.Web.Features.Training;
using CongDongSo.Web.Features.Users;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Files;
using CongDongSo.Web.Infrastructure.Privacy;
using CongDongSo.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLogRedaction(); // no citizen ID or phone in any log line

builder.AddData();
builder.AddSecurity();
builder.AddWeb();

// Use cases with more than one caller (a page, the API, a benchmark).
builder.Services.AddScoped<RecordSession>();
builder.Services.AddScoped<SyncSessions>();
builder.Services.AddSingleton<ImportJobs>();
builder.Services.AddSingleton<PrivateFileStore>(); // uploads: certificates, photos

var app = builder.Build();

await app.PrepareDatabaseAsync();
if (await Maintenance.TryRunAsync(app, args))
{
    return;
}

app.UseWebPipeline();

app.MapHealth();
app.MapAreasApi();
app.MapTeamsApi();
app.MapUsersApi();
app.MapFieldWorkApi();
app.MapTrainingApi();
app.MapCommunityApi();
app.MapRazorPages();
app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
