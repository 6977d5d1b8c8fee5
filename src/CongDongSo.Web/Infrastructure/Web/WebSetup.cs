using System.Globalization;
using CongDongSo.Web.Infrastructure.Auth;
using CongDongSo.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.ResponseCompression;

namespace CongDongSo.Web.Infrastructure.Web;

/// <summary>Pages, localisation, error handling and the response headers of SECURITY.md.</summary>
public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                VietnameseBindingMessages.Apply(o.ModelBindingMessageProvider);
                // Before the framework's own: a checkbox posted with junk must be a field error, not a 500.
                o.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
            });
        services.AddRouting(o => o.LowercaseUrls = true);
        // Vietnamese letters go out as themselves, not as &#x...; entities (smaller pages on 3G).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddValidation();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only endpoints marked CompressResponse(), see there
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json"];
        });
        // Optimal, not the default Fastest: on a 1,000-household package (950 KB) it costs 4–5 ms and
        // sends 110 KB instead of 120–170 KB (bench: field-package-size).
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddOpenApi("v1");
        // SECURITY.md, transport: one year, subdomains too. Sent only outside Development, over https.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // The server's name and version tell an attacker which flaws to try.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        if (builder.Configuration.GetValue("Web:BehindProxy", false))
        {
            // TLS ends at a reverse proxy (nginx, a load balancer): trust its X-Forwarded-For/-Proto, and
            // only from the addresses it is known by (loopback by default).
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                foreach (var address in builder.Configuration.GetSection("Web:KnownProxies").Get<string[]>() ?? [])
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(address));
                }
            });
        }
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Vietnamese unless the person picks English: a browser's language is not a choice.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        if (app.Configuration.GetValue("Web:BehindProxy", false))
        {
            app.UseForwardedHeaders();
        }
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
            api => api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor }));
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = StatusFor }));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        if (app.Configuration.GetValue("Web:HttpsRedirection", !app.Environment.IsDevelopment()))
        {
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // The API answers with ProblemDetails, people get the friendly page (the status code stays).
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseWhen(ctx => ctx.GetEndpoint()?.Metadata.GetMetadata<CompressResponseAttribute>() is not null, c => c.UseResponseCompression());
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AreaScopeMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    // Writing outside one's area is answered like reading it: the row does not exist. A request the
    // framework found malformed (bad JSON, wrong type, no or wrong Content-Type, too large) keeps the
    // status it chose, 400/413/415: the handler would otherwise turn it into a 500.
    private static int StatusFor(Exception exception) => exception switch
    {
        ScopeViolationException => StatusCodes.Status404NotFound,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}

/// <summary>The headers every response carries (SECURITY.md, "Input and output").</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Pages may show personal data: no copy in any cache. Static assets set their own.
            var path = http.Request.Path;
            if (path == "/sw.js" || path == "/manifest.webmanifest")
            {
                // The field app's service worker and manifest: a phone checks for a new one every time.
                headers.CacheControl = "no-cache";
            }
            else if (!path.StartsWithSegments("/lib") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
                && !path.StartsWithSegments("/icons"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(http);
    }
}

/// <summary>
/// Marks an endpoint whose answer is compressed (gzip or Brotli, as the client accepts): large JSON
/// that a phone downloads, and that repeats nothing of the request, so compression cannot reveal a
/// secret through the size of the answer (BREACH). Nothing else is compressed.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CompressResponseAttribute : Attribute;

public static class CompressResponseExtensions
{
    public static TBuilder CompressResponse<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CompressResponseAttribute());
}
