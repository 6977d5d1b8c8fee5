using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace CongDongSo.Tests.Infrastructure;

/// <summary>Test-data builders: <c>await A.Member("Võ Thị Lan").In(world.HxTeam1).As(MemberPosition.Deputy).SaveAsync(app)</c>.</summary>
public static class A
{
    public static MemberBuilder Member(string fullName) => new(fullName);

    public static TeamBuilder Team(Neighbourhood neighbourhood) => new(neighbourhood);

    public static async Task<Neighbourhood> NeighbourhoodAsync(AppFactory app, Commune commune, string name) =>
        await app.WithDbAsync(async db =>
        {
            var neighbourhood = new Neighbourhood
            {
                CommuneId = commune.Id, Name = name, EffectiveFrom = new DateOnly(2025, 7, 1), SearchName = VietnameseText.Fold(name),
            };
            db.Neighbourhoods.Add(neighbourhood);
            await db.SaveChangesAsync();
            return neighbourhood;
        });
}

public sealed class MemberBuilder(string fullName)
{
    private Guid _teamId;
    private int _communeId;
    private MemberPosition _position = MemberPosition.Member;
    private int? _birthYear = 1990;
    private string? _phone;
    private string _affiliation = "Khác";
    private DateOnly? _leftOn;
    private DateOnly _joinedOn = new(2025, 9, 1);

    public MemberBuilder In(Team team)
    {
        _teamId = team.Id;
        _communeId = team.CommuneId;
        return this;
    }

    public MemberBuilder As(MemberPosition position)
    {
        _position = position;
        return this;
    }

    public MemberBuilder Born(int? year)
    {
        _birthYear = year;
        return this;
    }

    public MemberBuilder WithPhone(string phone)
    {
        _phone = phone;
        return this;
    }

    public MemberBuilder From(string affiliation)
    {
        _affiliation = affiliation;
        return this;
    }

    public MemberBuilder Joined(DateOnly on)
    {
        _joinedOn = on;
        return this;
    }

    public MemberBuilder Left(DateOnly on)
    {
        _leftOn = on;
        return this;
    }

    public Task<Member> SaveAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        if (_teamId == Guid.Empty)
        {
            throw new InvalidOperationException("A member needs a team: call In(team).");
        }
        var member = new Member
        {
            CommuneId = _communeId,
            TeamId = _teamId,
            FullName = fullName,
            SearchName = VietnameseText.Fold(fullName),
            Position = _position,
            AffiliationId = await db.Affiliations.Where(a => a.Name == _affiliation).Select(a => a.Id).FirstAsync(),
            BirthYear = _birthYear,
            Gender = Gender.Female,
            Phone = _phone,
            JoinedOn = _joinedOn,
            LeftOn = _leftOn,
        };
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    });
}

public sealed class TeamBuilder(Neighbourhood neighbourhood)
{
    private string _name = "Tổ CNSCĐ " + neighbourhood.Name;

    public TeamBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public Task<Team> SaveAsync(AppFactory app) => app.WithDbAsync(async db =>
    {
        var team = new Team
        {
            CommuneId = neighbourhood.CommuneId, NeighbourhoodId = neighbourhood.Id, Name = _name,
            SearchName = VietnameseText.Fold(_name), EstablishedOn = new DateOnly(2025, 8, 15),
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team;
    });
}
