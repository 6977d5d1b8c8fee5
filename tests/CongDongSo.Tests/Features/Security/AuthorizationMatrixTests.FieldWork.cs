using CongDongSo.Tests.Infrastructure;
using CongDongSo.Web.Data;

namespace CongDongSo.Tests.Features.Security;

/// <summary>The field-work records of the matrix: {ownSession}, {siblingSession} and {otherSession}.</summary>
public sealed partial class MatrixPlaces
{
    private async Task AddFieldWorkAsync(AppFactory app, Guid baDinhNeighbourhood, Guid baDinhTeam)
    {
        var w = app.World;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var sessions = await app.WithDbAsync(async db =>
        {
            Guid Session(int commune, Guid neighbourhood, Guid team, string code)
            {
                var household = new Household { CommuneId = commune, NeighbourhoodId = neighbourhood, Code = code, Address = "1 Đường Ma Trận", CreatedAtUtc = now, UpdatedAtUtc = now };
                var session = new SupportSession
                {
                    CommuneId = commune, Id = Guid.CreateVersion7(), TeamId = team, NeighbourhoodId = neighbourhood, HouseholdId = household.Id,
                    OccurredAtUtc = now.AddHours(-1), RecordedAtUtc = now,
                };
                db.AddRange(household, session);
                return session.Id;
            }
            var ids = new[]
            {
                Session(w.HoaXuan.Id, w.HxTdp1.Id, w.HxTeam1.Id, "MATRIX-FW-1"),
                Session(w.HoaXuan.Id, w.HxTdp2.Id, w.HxTeam2.Id, "MATRIX-FW-2"),
                Session(w.CamLe.Id, w.ClTdp1.Id, w.ClTeam1.Id, "MATRIX-FW-3"),
                Session(w.BaDinh.Id, baDinhNeighbourhood, baDinhTeam, "MATRIX-FW-4"),
            };
            await db.SaveChangesAsync();
            return ids;
        });
        _own["Session"] = sessions[0].ToString();
        _sibling["Session"] = sessions[1].ToString();
        _otherCommune["Session"] = sessions[2].ToString();
        _otherProvince["Session"] = sessions[3].ToString();
    }
}
