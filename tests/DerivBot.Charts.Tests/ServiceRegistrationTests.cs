using DerivBot.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Charts.Tests;

public sealed class ServiceRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, CollectingLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddCharts(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCharts_Defaults_RegistersAvailableSingletonAndLogsOnceAtStart()
    {
        var logs = new CollectingLoggerProvider();
        await using var sp = Build([], logs);

        foreach (var hosted in sp.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        var renderer = sp.GetRequiredService<IChartRenderer>();

        Assert.Same(renderer, sp.GetRequiredService<IChartRenderer>());
        Assert.True(renderer.IsAvailable, renderer.UnavailableReason);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("Charts available", entry.Message, StringComparison.Ordinal);
        Assert.Contains("DerivBot Sans TC", entry.Message, StringComparison.Ordinal);
        Assert.Contains("DerivBot Sans SC", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCharts_Disabled_LogsOneWarningWithTheReason()
    {
        var logs = new CollectingLoggerProvider();
        await using var sp = Build(new() { ["Charts:Enabled"] = "false" }, logs);

        foreach (var hosted in sp.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.False(sp.GetRequiredService<IChartRenderer>().IsAvailable);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("Charts:Enabled", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCharts_BindsSection()
    {
        var logs = new CollectingLoggerProvider();
        await using var sp = Build(new()
        {
            ["Charts:Enabled"] = "false",
            ["Charts:FontFamilies:0"] = "WenQuanYi Micro Hei",
            ["Charts:DefaultWidth"] = "800",
        }, logs);

        var options = sp.GetRequiredService<IOptions<ChartsOptions>>().Value;

        Assert.False(options.Enabled);
        Assert.Equal(["WenQuanYi Micro Hei"], options.FontFamilies);
        Assert.Equal(800, options.DefaultWidth);
        Assert.False(sp.GetRequiredService<IChartRenderer>().IsAvailable);
    }

    [Fact]
    public async Task AddCharts_SizeOutOfRange_FailsValidationNamingTheKey()
    {
        var logs = new CollectingLoggerProvider();
        await using var sp = Build(new() { ["Charts:DefaultWidth"] = "10" }, logs);

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<ChartsOptions>>().Value);
        Assert.Contains("DefaultWidth", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("DerivBot.Charts", StringComparison.Ordinal) ? new Logger(Entries) : NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Logger(List<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }

        private sealed class NullLogger : ILogger
        {
            public static readonly NullLogger Instance = new();

            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => false;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
