using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: BenchmarkDotNet's generated project would restore against package versions this
// registry does not hold (NU1605), and in-process runs measure the same code on one core all the same.
// 15 minutes per case: the 10,000-chat Telegram broadcast alone takes ~5.6 minutes at 30 msg/s.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: true)).AsDefault())
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

public partial class Program;
