using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: BenchmarkDotNet's generated project would restore against package versions this
// registry does not hold (NU1605), and in-process runs measure the same code on one core all the same.
// 15 minutes per case: the 10,000-chat Telegram broadcast alone takes ~5.6 minutes at 30 msg/s.
if (args.Length > 0 && args[0] == "delivery")
{
    // The delivery goal harness (not a BenchmarkDotNet case: one long run through the whole path).
    // usage: delivery telegram|discord <chats> <round trip ms> [max in flight]
    var platform = Enum.Parse<DerivBot.Core.Chat.ChatPlatform>(args.Length > 1 ? args[1] : "Telegram", ignoreCase: true);
    var chats = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var rtt = TimeSpan.FromMilliseconds(args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 100);
    var inFlight = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 8;
    var result = await DerivBot.Benchmarks.Delivery.DeliveryHarness.RunAsync(platform, chats, rtt, inFlight, Console.Out);
    Console.WriteLine(result);
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: true)).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

public partial class Program;
