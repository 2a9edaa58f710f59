using DerivBot.Core.Localization;
using System.Globalization;
using DerivBot.Application.Localization;
using DerivBot.Application.Outbox;
using DerivBot.Core.Chat;
using DerivBot.Core.Ports;
using DerivBot.Core.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DerivBot.Application.Study;

/// <summary>
/// Posts the answer of each Discord quiz once its open period is over (Telegram closes and reveals its native quiz
/// polls itself through open_period). The reveal goes through the outbox with an idempotency key per quiz and chat,
/// so a restart between enqueue and marking never posts it twice.
/// </summary>
public sealed class QuizRevealService(
    IQuizStore store,
    IOutboxStore outbox,
    IOutboxSignal signal,
    ILocalizer localizer,
    IOptions<QuizOptions> options,
    TimeProvider time,
    ILogger<QuizRevealService> logger) : BackgroundService
{
    private const int Batch = 100;

    /// <summary>Reveals every closed, unrevealed Discord quiz; returns how many.</summary>
    public async Task<int> RevealDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.GetUnrevealedAsync(ChatPlatform.Discord, now, Batch, cancellationToken).ConfigureAwait(false);
        foreach (var post in due)
        {
            var (right, total) = await store.GetTallyAsync(post.Quiz.Id, post.Chat with { ThreadId = null }, cancellationToken).ConfigureAwait(false);
            var report = Reveal(post.Quiz, right, total, new Texts(localizer, post.Quiz.Language));
            await outbox.EnqueueAsync(new OutboxDraft(post.Chat, OutboxKind.Digest, $"quizreveal:{post.Quiz.Id}:{post.Chat}", new OutboundMessage(report)), now, cancellationToken).ConfigureAwait(false);
            await store.MarkRevealedAsync(post.Quiz.Id, post.Chat, now, cancellationToken).ConfigureAwait(false);
        }
        if (due.Count > 0)
        {
            signal.Notify();
        }
        return due.Count;
    }

    /// <summary>"Answer: Deleveraging" + the explanation + "3 of 5 answered correctly."</summary>
    public static Report Reveal(StoredQuiz quiz, int right, int total, Texts t)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var blocks = new List<ReportBlock>
        {
            ParagraphBlock.Of(new TextRun(quiz.Question, TextStyle.Italic)),
            ParagraphBlock.Of(new TextRun(t.Get("quiz.reveal.answer", ("answer", quiz.Options[quiz.CorrectOption])), TextStyle.Bold)),
            new NoteBlock(quiz.Explanation),
            ParagraphBlock.Of(t.Get("quiz.reveal.tally", ("right", right.ToString(CultureInfo.InvariantCulture)), ("total", total.ToString(CultureInfo.InvariantCulture)))),
        };
        return new Report(ReportKind.Quiz, t.Get("quiz.reveal.title", ("symbol", quiz.Symbol)), blocks);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevealCheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await RevealDueAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Quiz reveal run failed; retrying next tick");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
