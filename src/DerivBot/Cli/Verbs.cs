using Microsoft.Extensions.Hosting;

namespace DerivBot.Host.Cli;

public static class Verbs
{
    public static async Task<int> RunAsync(CommandLine cli, IHost host)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(host);
        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
