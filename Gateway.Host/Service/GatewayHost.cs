using Gateway.Host.Acknowledgments;
using Gateway.Host.Admin;
using Gateway.Host.Admin.Metrics;
using Gateway.Host.Admin.Security;
using Gateway.Host.Api;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Host.Delivery;
using Gateway.Host.Intake;
using Gateway.Host.Jobs;
using Gateway.Host.Mapping;
using Gateway.Host.Outbound;
using Gateway.Host.Pipeline;
using Gateway.Host.Sandbox;
using Gateway.Host.Tracking;
using Gateway.Host.Transports.As2;
using Gateway.Host.Transports.Email;
using Gateway.Host.Transports.Folder;
using Gateway.Host.Transports.Sftp;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Serilog;
using Serilog.Formatting.Compact;

namespace Gateway.Host.Service;

/// <summary>Composes the running gateway: settings, logging, stores, pipeline, transports, jobs and the admin listener.</summary>
internal static class GatewayHost
{
    public static WebApplication Build(string[] args)
    {
        // A Windows service starts in System32: its settings live beside the executable instead.
        string contentRoot = Microsoft.Extensions.Hosting.WindowsServices.WindowsServiceHelpers.IsWindowsService() ? AppContext.BaseDirectory : Directory.GetCurrentDirectory();
        // The application name is where MVC looks for the console's compiled pages: this assembly, also when a test host
        // (another entry assembly) runs the gateway in-process.
        // Settings are read once, at start. Reloading them would watch the content root recursively, the data folder
        // included by default, and wake on every file the gateway archives or writes (5 % of its CPU under load).
        string[] hostArgs = ["--hostBuilder:reloadConfigOnChange=false", .. args];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = contentRoot, ApplicationName = typeof(GatewayHost).Assembly.GetName().Name });
        var settings = GatewaySettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(settings.DataDirectory);

        builder.Services.AddWindowsService(options => options.ServiceName = "EDI Gateway");
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSerilog((_, logging) => logging
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Filter.ByExcluding(SecretLogFilter.CarriesSecrets)
            // Written on a background thread, the file in blocks flushed every second: at Information the gateway logs
            // a few lines per document, and writing each at once took a sixth of its CPU under load. A full queue
            // makes callers wait rather than drop lines; a kill loses at most the last second (the tracking store,
            // not the log, is the record).
            .WriteTo.Async(
                sinks =>
                {
                    sinks.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                    sinks.File(new CompactJsonFormatter(), Path.Combine(settings.DataDirectory, "logs", "gateway-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31,
                        buffered: true, flushToDiskInterval: TimeSpan.FromSeconds(1));
                },
                blockWhenFull: true));
        builder.WebHost.UseUrls(settings.Listeners.Admin);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ProfileReloader(
            new ProfileCheckOptions
            {
                ProfilesDirectory = settings.PartnerProfiles,
                MapsDirectory = settings.Maps,
                Endpoints = settings.Endpoints.Keys.ToHashSet(StringComparer.Ordinal),
            },
            sp.GetRequiredService<ILogger<ProfileReloader>>()));
        services.AddSingleton<IControlNumberStore>(_ => new FileControlNumberStore(settings.ControlNumbersJournal));
        services.AddSingleton<ControlNumberSequencer>();
        services.AddSingleton<IInterchangeRegister>(_ => new FileInterchangeRegister(settings.InterchangeRegisterJournal));
        services.AddSingleton<ITrackingStore>(_ => new LiteDbTrackingStore(settings.TrackingDatabase));
        services.AddSingleton(_ => new RawArchive(Path.Combine(settings.DataDirectory, "archive")));
        services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan });
        services.AddSingleton<PipelineQueue>();
        services.AddSingleton<DurableIntake>();
        services.AddSingleton<MapCatalog>();
        services.AddSingleton<DocumentMapper>();
        BackendClients.Add(services, settings);
        services.AddSingleton<BackendDelivery>();
        services.AddSingleton<OutboundSignal>();
        services.AddSingleton<ReferencesInFlight>();
        services.AddSingleton<InboundPipeline>();
        services.AddSingleton<FolderLayout>();
        services.AddSingleton<OutboundSender>();
        services.AddSingleton<OutboundEnvelope>();
        services.AddSingleton<OutboundSubmissions>();
        services.AddSingleton<Shipments.ShipmentNotices>();
        services.AddSingleton<FolderInbox>();
        services.AddSingleton<SftpInbox>();
        services.AddSingleton<SftpOutbox>();
        services.AddSingleton<EmailInbox>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<CertificateExpiryWarnings>();
        services.AddSingleton<Alerts.Alerts>();
        services.AddHttpClient(Alerts.Alerts.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<AcknowledgmentReconciler>();
        services.AddSingleton<As2Keys>();
        services.AddSingleton<As2Receiver>();
        services.AddSingleton<As2Outbox>();
        services.AddSingleton<PartnerListener>();
        DocumentApi.Add(services);
        As2Outbox.Configure(services);

        // Start order matters: profiles and maps first, then the pipeline (which resumes unfinished work), then transports.
        services.AddHostedService<ProfileReloaderService>();
        services.AddHostedService<MapCatalogService>();
        services.AddHostedService<IntakeRecoveryService>();
        services.AddHostedService<PipelineWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundSender>());
        services.AddHostedService(sp => sp.GetRequiredService<FolderInbox>());
        services.AddHostedService<OutboundEventFolder>();
        services.AddHostedService<SftpPollsService>();
        services.AddHostedService(sp => sp.GetRequiredService<PartnerListener>());
        services.AddQuartz(quartz =>
        {
            // Quartz keeps schedulers in a process-wide registry by name: one per host (tests run several).
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = $"gateway-{Guid.NewGuid():N}");
            quartz.ScheduleJob<DeliveryRetryJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromSeconds(2), null), job => job.WithIdentity("delivery-retry"));
            quartz.ScheduleJob<ReprocessRequestJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromSeconds(1), null), job => job.WithIdentity("reprocess-requests"));
            quartz.ScheduleJob<SftpPollJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromSeconds(1), null), job => job.WithIdentity("sftp-polls"));
            if (settings.Email.Enabled)
            {
                var every = TimeSpan.FromSeconds(Math.Max(1, settings.Email.PollSeconds));
                quartz.ScheduleJob<EmailPollJob>(trigger => trigger.StartAt(TimeProvider.System.GetUtcNow() + every).WithSimpleSchedule(every, null), job => job.WithIdentity("email-poll"));
            }
            quartz.ScheduleJob<OverdueAcknowledgmentJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromMinutes(1), null), job => job.WithIdentity("overdue-acknowledgments"));
            quartz.ScheduleJob<CertificateExpiryJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromHours(12), null), job => job.WithIdentity("certificate-expiry"));
            quartz.ScheduleJob<RetentionJob>(trigger => trigger.StartNow().WithSimpleSchedule(TimeSpan.FromHours(6), null), job => job.WithIdentity("retention"));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        AdminSecurity.Add(services, settings);
        GatewayMetrics.Add(services, settings);
        services.AddRazorPages(options => options.RootDirectory = "/Admin/Pages");
        services.AddOpenApi();
        if (settings.Sandbox.Enabled)
        {
            services.AddSingleton(sp => new SandboxBackend(settings.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        }

        var app = builder.Build();
        AdminSecurity.Use(app);
        // Liveness for service managers and load balancers; says nothing about documents. Anonymous only on the
        // partner listener: here it is part of the admin plane, like everything else.
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Json(new { status = "ok" })).RequireAuthorization(AdminPolicies.ApiViewer);
        app.MapOpenApi().RequireAuthorization(AdminPolicies.ApiViewer);
        app.MapRazorPages();
        ConsoleAssets.Map(app);
        app.Services.GetService<SandboxBackend>()?.Map(app);
        OutboundApi.Map(app);
        ShipmentApi.Map(app);
        OrderApi.Map(app);
        DocumentApi.Map(app);
        DashboardApi.Map(app);
        PartnerApi.Map(app);
        GatewayMetrics.Map(app);
        AuditApi.Map(app);
        return app;
    }
}
