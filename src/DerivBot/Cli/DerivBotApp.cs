using DerivBot.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DerivBot.Host;

public static partial class DerivBotApp
{
    /// <summary>
    /// Parses the command line, builds the host and runs the verb. Expected failures (bad arguments, invalid
    /// configuration, an unreachable venue) print one clear line and return non-zero — never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var cli = Cli.CommandLine.Parse(args);
        if (cli.Error is not null)
        {
            await stderr.WriteLineAsync(cli.Error).ConfigureAwait(false);
            return 2;
        }

        IHost host;
        try
        {
            var builder = CreateBuilder(cli, overrides);
            builder.Services.AddSingleton(new Hosting.ConsoleOutput(stdout, stderr));
            host = builder.Build();
            // Options are validated before anything runs, also for one-shot verbs that never start the host.
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("configuration error: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
            return 3;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is OptionsValidationException ov)
        {
            await stderr.WriteLineAsync("configuration error: " + string.Join("; ", ov.Failures)).ConfigureAwait(false);
            return 3;
        }

        using (host)
        {
            try
            {
                return cli.Verb switch
                {
                    Cli.Verb.Ask => await Cli.AskVerb.RunAsync(cli, host.Services, stdout, stderr, cancellationToken).ConfigureAwait(false),
                    Cli.Verb.Demo => await Cli.DemoVerb.RunAsync(cli, host, stdout, stderr, cancellationToken).ConfigureAwait(false),
                    _ => await RunWorkerAsync(host, cancellationToken).ConfigureAwait(false),
                };
            }
            catch (VenueException ex)
            {
                await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 1;
            }
            catch (OptionsValidationException ex)
            {
                await stderr.WriteLineAsync("configuration error: " + string.Join("; ", ex.Failures)).ConfigureAwait(false);
                return 3;
            }
        }
    }

    private static async Task<int> RunWorkerAsync(IHost host, CancellationToken cancellationToken)
    {
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
