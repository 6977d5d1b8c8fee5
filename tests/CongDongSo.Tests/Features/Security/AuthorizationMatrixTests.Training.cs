using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;
using CongDongSo.Web.Features.Training;
using CongDongSo.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CongDongSo.Tests.Features.Security;

/// <summary>
/// The training and community records of the matrix: {xCourse}, {xSitting} (a session of it), {xCheckIn} (its QR token),
/// {xCertificate} (a completion with its file), {xEvent}, {xPhoto}, {xCommunication}. Own: Hòa Xuân team 1's;
/// sibling: team 2's; other: Cẩm Lệ's (Ba Đình's for the province officer). The team member account is linked to team 1's deputy.
/// </summary>
public sealed partial class MatrixPlaces
{
    private async Task AddTrainingAsync(AppFactory app, Guid baDinhTeam)
    {
        var w = app.World;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var files = app.Services.GetRequiredService<PrivateFileStore>();
        var pdf = new CheckedUpload("%PDF-1.4\n%%EOF\n"u8.ToArray(), UploadKind.Pdf);
        var png = new CheckedUpload(TestImages.Png(), UploadKind.Png);
        await app.WithDbAsync(async db =>
        {
            var deputy = await db.Members.SingleAsync(m => m.TeamId == w.HxTeam1.Id && m.Position == MemberPosition.Deputy);
            deputy.UserId = await db.Users.Where(u => u.UserName == World.Users.MemberHx1).Select(u => u.Id).SingleAsync();
            var baDinhMember = await db.Members.SingleAsync(m => m.TeamId == baDinhTeam);
            var topic = await db.TrainingTopics.Where(t => t.CommuneId == null).Select(t => t.Id).FirstAsync();

            async Task Side(Dictionary<string, string> places, int commune, Guid team, Guid member, Dictionary<string, string>? sibling, Guid? siblingTeam, Guid? siblingMember)
            {
                var course = new Course { CommuneId = commune, Title = "Khóa ma trận", Form = CourseForm.Mixed, CompleteBy = new DateOnly(2026, 12, 31), CreatedAtUtc = now };
                course.Topics.Add(new CourseTopic { CommuneId = commune, CourseId = course.Id, TopicId = topic });
                var sitting = new TrainingSession
                {
                    CommuneId = commune, CourseId = course.Id, StartsAtUtc = now, EndsAtUtc = now.AddHours(2), CheckInToken = TrainingQueries.NewCheckInToken(),
                };
                course.Sessions.Add(sitting);
                db.Courses.Add(course);
                places["Course"] = course.Id.ToString();
                places["Sitting"] = sitting.Id.ToString();
                places["CheckIn"] = sitting.CheckInToken;
                await Completion(places, commune, course.Id, team, member);
                await Event(places, commune, team);
                if (sibling is not null)
                {
                    await Completion(sibling, commune, course.Id, siblingTeam!.Value, siblingMember!.Value);
                    await Event(sibling, commune, siblingTeam.Value);
                }
                var item = new CommunicationItem
                {
                    CommuneId = commune, Kind = CommunicationKind.Poster, PublishedOn = new DateOnly(2026, 11, 1), Title = "Áp phích ma trận",
                    FileKey = await files.SaveAsync(commune, pdf), FileType = pdf.ContentType, CreatedAtUtc = now,
                };
                db.CommunicationItems.Add(item);
                places["Communication"] = item.Id.ToString();
            }

            async Task Completion(Dictionary<string, string> places, int commune, Guid course, Guid team, Guid member)
            {
                var completion = new CourseCompletion
                {
                    CommuneId = commune, CourseId = course, MemberId = member, TeamId = team, CompletedOn = new DateOnly(2026, 11, 10),
                    CertificateKey = await files.SaveAsync(commune, pdf), CertificateType = pdf.ContentType, RecordedAtUtc = now,
                };
                db.CourseCompletions.Add(completion);
                places["Certificate"] = completion.Id.ToString();
            }

            async Task Event(Dictionary<string, string> places, int commune, Guid team)
            {
                var held = new CommunityEvent { CommuneId = commune, TeamId = team, Title = "Hoạt động ma trận", StartsAtUtc = now.AddDays(-1), CreatedAtUtc = now, UpdatedAtUtc = now };
                var photo = new CommunityEventPhoto
                {
                    CommuneId = commune, EventId = held.Id, FileKey = await files.SaveAsync(commune, png), ContentType = png.ContentType, Bytes = png.Content.Length, UploadedAtUtc = now,
                };
                held.Photos.Add(photo);
                db.CommunityEvents.Add(held);
                places["Event"] = held.Id.ToString();
                places["Photo"] = photo.Id.ToString();
            }

            await Side(_own, w.HoaXuan.Id, w.HxTeam1.Id, deputy.Id, _sibling, w.HxTeam2.Id, w.HxTeam2Leader.Id);
            await Side(_otherCommune, w.CamLe.Id, w.ClTeam1.Id, w.ClTeam1Leader.Id, null, null, null);
            await Side(_otherProvince, w.BaDinh.Id, baDinhTeam, baDinhMember.Id, null, null, null);
            await db.SaveChangesAsync();
        });
    }
}
