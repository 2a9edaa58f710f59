using DerivBot.Core.Hosting;
using DerivBot.Application.Coordination;
using DerivBot.Core.Ports;
using DerivBot.Telegram.Api;
using DerivBot.Telegram.Formatting;
using DerivBot.Telegram.Hosting;
using DerivBot.Telegram.Sending;
using DerivBot.Telegram.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Telegram;

/// <summary>Registers the Telegram bot when Telegram:BotToken is set. Section: Telegram.</summary>
public static class TelegramServiceCollectionExtensions
{
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelegramOptions.SectionName);
        var options = services.AddOptions<TelegramOptions>().Bind(section);
        var enabled = section.GetValue<bool?>(nameof(TelegramOptions.Enabled)) ?? true;
        var hasToken = !string.IsNullOrWhiteSpace(section[nameof(TelegramOptions.BotToken)]);
        if (!enabled || !hasToken)
        {
            // Nothing active: one line at start says why, nothing else runs.
            services.AddHostedService(sp => new TelegramNotStartedNotice(
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DerivBot.Telegram"), enabled));
            return services;
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.TryAddSystemClock();
        services.AddHttpClient(TelegramApi.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // per-request timeouts in TelegramApiHandler
            // Long polling keeps one connection busy; replies should find a warm one too, not pay a TCP+TLS handshake
            // after every quiet minute (the default idle timeout). Lifetime still recycles so DNS changes are seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler(sp => new TelegramApiHandler(sp.GetRequiredService<IOptions<TelegramOptions>>().Value))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // Telegram.Bot puts the token in every request path and HttpClient's own logging handlers write request
            // URIs: remove them.
            .RemoveAllLoggers();
        services.AddTelegramCore(sp => sp.GetRequiredService<IHttpClientFactory>().CreateClient(TelegramApi.HttpClientName));
        services.AddHostedService<TelegramBotService>();
        return services;
    }

    /// <summary>Everything but the hosted service and HttpClient plumbing (tests and benchmarks build on this).
    /// <paramref name="httpClient"/> must carry a <see cref="TelegramApiHandler"/> and no logging handlers.</summary>
    internal static IServiceCollection AddTelegramCore(this IServiceCollection services, Func<IServiceProvider, HttpClient> httpClient)
    {
        services.TryAddSystemClock();
        services.AddSingleton(sp => TelegramApi.CreateClient(sp.GetRequiredService<IOptions<TelegramOptions>>().Value, httpClient(sp)));
        services.AddSingleton<TelegramSendQueue>();
        services.AddSingleton<TelegramHtmlRenderer>();
        services.AddSingleton<TelegramMessenger>();
        services.AddSingleton<TelegramChatSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatSender, TelegramChatSender>(sp => sp.GetRequiredService<TelegramChatSender>()));
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<TelegramAdminCache>();
        services.AddSingleton<TelegramReplyRoute>();
        services.AddSingleton<TelegramUpdateHandler>();
        // With a database the offset is shared (a poller taking over resumes after what the last holder handled);
        // without one (tests wiring the Telegram area alone) it lives in memory.
        services.TryAddSingleton<ITelegramOffsetStore>(sp => sp.GetService<ISharedCursorStore>() is { } cursors
            ? new StoredTelegramOffsetStore(cursors, TelegramPollingLeadership.BotId(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.BotToken))
            : new InMemoryTelegramOffsetStore());
        services.AddSingleton<TelegramPoller>();
        // One instance (SQLite) unless the storage registered a shared lock first (PostgreSQL advisory lock).
        services.TryAddSingleton<ILeaderLock, InProcessLeaderLock>();
        services.AddSingleton<TelegramPollingLeadership>();
        services.AddSingleton<TelegramWebhookServer>();
        // Readiness: registered only when Telegram runs (this method is not called otherwise).
        services.TryAddSingleton<TelegramStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Application.Diagnostics.IChatPlatformStatus, TelegramStatus>(sp => sp.GetRequiredService<TelegramStatus>()));
        return services;
    }
}
