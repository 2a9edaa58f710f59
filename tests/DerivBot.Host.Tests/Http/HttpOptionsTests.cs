using DerivBot.Host.Cli;
using DerivBot.Host.Tests.EndToEnd;
using DerivBot.Host.Http;
using DerivBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DerivBot.Host.Tests.Http;

public sealed class HttpOptionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("0.0.0.0:8080", "http://0.0.0.0:8080/")]
    [InlineData("[::]:9090", "http://[::]:9090/")]
    [InlineData("*:8080", "http://0.0.0.0:8080/")]
    [InlineData("localhost:8080", "http://localhost:8080/")]
    [InlineData("127.0.0.1:0", "http://127.0.0.1:0/")]
    public void ToUrl_HostPort_TheUrlKestrelBinds(string listen, string expected)
    {
        Assert.Equal(expected, HttpOptions.ToUrl(listen, out var error)!.ToString());
        Assert.Null(error);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("example.com:8080")]
    [InlineData("::1:8080")]
    [InlineData("localhost:0")]
    [InlineData("")]
    public void ToUrl_NotUsable_ReasonGiven(string listen)
    {
        Assert.Null(HttpOptions.ToUrl(listen, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void AddHttp_ObsoleteTelegramWebhookListenSet_ItsHostAndPortAreUsed()
    {
        var overrides = new Dictionary<string, string?>(AppRun.WithTemp(_temp)) { ["Telegram:WebhookListen"] = "http://0.0.0.0:8443" };
        using var host = DerivBotApp.CreateBuilder(CommandLine.Parse(["run"]), overrides).Build();

        Assert.Equal("0.0.0.0:8443", host.Services.GetRequiredService<IOptions<HttpOptions>>().Value.Listen);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("ask")]
    public void OneShotVerbs_RunNoListener(string verb)
    {
        string[] args = verb == "ask" ? ["ask", "/funding BTC"] : [verb];
        using var host = DerivBotApp.CreateBuilder(CommandLine.Parse(args), AppRun.WithTemp(_temp)).Build();

        Assert.Null(host.Services.GetService<DerivBotHttpServer>());
        Assert.False(host.Services.GetRequiredService<IOptions<HttpOptions>>().Value.Enabled);
    }
}
