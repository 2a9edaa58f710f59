using DerivBot.Application;
using DerivBot.Charts;
using DerivBot.Discord;
using DerivBot.Host.Cli;
using DerivBot.Host.Hosting;
using DerivBot.Host.Jobs;
using DerivBot.Storage;
using DerivBot.Telegram;
using DerivBot.Venues;

// One executable, three verbs: `run` (default, the long-running worker), `demo` (the same worker on the shipped
// replay scenario, posting to the console), `ask "/funding BTC"` (one command answered exactly as chat would).
var cli = CommandLine.Parse(args);
if (cli.Error is not null)
{
    Console.Error.WriteLine(cli.Error);
    return 2;
}

var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(cli.HostArgs);
builder.AddDerivBotConfiguration(cli);

builder.Services
    .AddVenues(builder.Configuration)
    .AddMarketData(builder.Configuration)
    .AddSignals(builder.Configuration)
    .AddCommands(builder.Configuration)
    .AddSqliteStorage(builder.Configuration)
    .AddSubscriptions(builder.Configuration)
    .AddCharts(builder.Configuration)
    .AddTelegram(builder.Configuration)
    .AddDiscord(builder.Configuration)
    .AddConsoleTransport(builder.Configuration)
    .AddJobs(builder.Configuration);

using var host = builder.Build();
return await Verbs.RunAsync(cli, host);
