using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using CongDongSo.Web.Data;
using CongDongSo.Web.Infrastructure.Privacy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace CongDongSo.Web.Infrastructure.Auth;

/// <summary>ASP.NET Core Identity with the hardening of SECURITY.md.</summary>
public static class SecuritySetup
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>PBKDF2-SHA512 rounds of a password hash (OWASP 2023: 210,000).</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>
    /// The rounds new hashes get. Only the test host may ask for fewer (Security:PasswordHashIterations),
    /// so that hundreds of sign-ins do not spend minutes of CPU; no other environment can weaken it.
    /// </summary>
    private static int PasswordIterations(WebApplicationBuilder builder) =>
        builder.Environment.IsEnvironment("Testing") ? builder.Configuration.GetValue("Security:PasswordHashIterations", PasswordHashIterations) : PasswordHashIterations;

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        // Over plain http (the local demo only) a Secure cookie would never come back.
        var httpOnlyDev = config.GetValue("Security:AllowInsecureCookies", false);

        services.AddDataProtection()
            .SetApplicationName("CongDongSo")
            .PersistKeysToFileSystem(new DirectoryInfo(PrivateFiles.Folder(Path.Combine(config.DataDirectory(), "keys"))))
            .ProtectKeysWithCertificate(KeyRingCertificate(config))
            .UnprotectKeysWithAnyCertificate(KeyRingCertificate(config));

        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordIterations(builder));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // Counts wrong authenticator codes (after a right password); wrong passwords go to SignInThrottle.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.Tokens.AuthenticatorTokenProvider = SingleUseTotpProvider.Name;
            })
            .AddUserManager<AppUserManager>()
            .AddSignInManager()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseTotpProvider>(SingleUseTotpProvider.Name)
            .AddPasswordValidator<ContextPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AppClaimsFactory>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddSingleton<DbTicketStore>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>, UseDbTicketStore>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = httpOnlyDev ? "cds-session" : "__Host-cds-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = httpOnlyDev ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = config.GetValue("Security:SessionIdleTimeout", TimeSpan.FromMinutes(30));
            o.SlidingExpiration = true;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.Events.OnRedirectToLogin = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = httpOnlyDev ? "cds-2fa" : "__Host-cds-2fa";
            o.Cookie.SecurePolicy = httpOnlyDev ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = httpOnlyDev ? "cds-af" : "__Host-cds-af";
            o.Cookie.SecurePolicy = httpOnlyDev ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
        });

        services.AddAuthorizationBuilder().AddAppPolicies();

        var permitPerMinute = config.GetValue("Security:SignInPermitPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts are what is limited: showing the form again costs nothing.
            o.AddPolicy(SignInRateLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("form"));
        });
        services.AddSingleton<SignInThrottle>();
        services.AddHttpContextAccessor();
        return builder;
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        // An API caller gets the bare status; a person who may not use a page gets the friendly
        // 403 page with the 403 status (re-executed by the status-code pages), not a redirect.
        if (ctx.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The certificate that encrypts the Data Protection key ring at rest. In production point
    /// Security:KeyRingCertificate (and …Password) at a certificate kept outside the data folder;
    /// otherwise one is made on first start under data/secrets, readable by the app's user only.
    /// </summary>
    private static X509Certificate2 KeyRingCertificate(ConfigurationManager config)
    {
        var path = config["Security:KeyRingCertificate"];
        var password = config["Security:KeyRingCertificatePassword"];
        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(PrivateFiles.Folder(Path.Combine(config.DataDirectory(), "secrets")), "keyring.pfx");
            if (!File.Exists(path))
            {
                using var rsa = RSA.Create(3072);
                var request = new CertificateRequest("CN=CongDongSo key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
                File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }
}
