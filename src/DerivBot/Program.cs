using DerivBot.Application;
using DerivBot.Application.Diagnostics;
using DerivBot.Charts;
using DerivBot.Discord;
using DerivBot.Host.Cli;
using DerivBot.Host.Hosting;
using DerivBot.Host.Http;
using DerivBot.Host.Jobs;
using DerivBot.Telegram;
using DerivBot.Venues;
using Microsoft.Extensions.Hosting;

// One executable, three verbs: `run` (default, the long-running worker), `demo` (the same worker on the shipped
// replay scenario, posting to the console), `ask "/funding BTC"` (one command answered exactly as chat would).
return await DerivBot.Host.DerivBotApp.RunAsync(args, Console.Out, Console.Error);

namespace DerivBot.Host
{
    public static partial class DerivBotApp
    {
        /// <summary>The whole bot, one line per area. Every verb and every host-level test builds exactly this.</summary>
        public static HostApplicationBuilder CreateBuilder(CommandLine cli, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(cli.HostArgs);
            builder.AddDerivBotConfiguration(cli, overrides);

            builder.Services
                .AddClock(builder.Configuration)
                .AddVenues(builder.Configuration)
                .AddMarketData(builder.Configuration)
                .AddSignals(builder.Configuration)
                .AddCommands(builder.Configuration)
                .AddStorage(builder.Configuration)
                .AddSubscriptions(builder.Configuration)
                .AddStudy(builder.Configuration)
                .AddCharts(builder.Configuration)
                .AddTelegram(builder.Configuration)
                .AddDiscord(builder.Configuration)
                .AddConsoleTransport(builder.Configuration)
                .AddJobs(builder.Configuration)
                .AddHealth(builder.Configuration)
                .AddHttp(builder.Configuration);

            return builder;
        }
    }
}
