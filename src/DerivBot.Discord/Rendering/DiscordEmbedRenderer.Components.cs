using System.Text.Json.Nodes;
using DerivBot.Core.Reports;

namespace DerivBot.Discord.Rendering;

/// <summary>Message components: the report's actions as buttons, and a quiz's options as answer buttons (apis.md D.2).</summary>
public sealed partial class DiscordEmbedRenderer
{
    /// <summary>Action rows of secondary buttons whose custom_id is the command to run; duplicates and overflow dropped.</summary>
    internal static JsonArray? Components(IReadOnlyList<ReportAction> actions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new JsonArray();
        JsonArray? row = null;
        foreach (var action in actions)
        {
            var id = action.Command.Trim();
            var label = Clip(Tidy(action.Label), ButtonLabelLimit);
            if (id.Length == 0 || id.Length > CustomIdLimit || label.Length == 0 || !seen.Add(id))
            {
                continue;
            }
            if (row is null || row.Count == ButtonsPerRow)
            {
                if (rows.Count == MaxRows)
                {
                    break;
                }
                row = [];
                rows.Add(new JsonObject { ["type"] = 1, ["components"] = row });
            }
            row.Add(new JsonObject { ["type"] = 2, ["style"] = 2, ["label"] = label, ["custom_id"] = id });
        }
        return rows.Count == 0 ? null : rows;
    }

    /// <summary>The custom_id prefix of quiz answer buttons: <c>quiz:{quizId}:{option}</c>.</summary>
    public const string QuizButtonPrefix = "quiz:";

    /// <summary>One primary button per option ("A. Deleveraging"), five per row; custom_id <c>quiz:{id}:{index}</c>.</summary>
    internal static JsonArray QuizComponents(QuizBlock quiz)
    {
        var rows = new JsonArray();
        JsonArray? row = null;
        for (var i = 0; i < quiz.Options.Count && i < ButtonsPerRow * MaxRows; i++)
        {
            if (row is null || row.Count == ButtonsPerRow)
            {
                row = [];
                rows.Add(new JsonObject { ["type"] = 1, ["components"] = row });
            }
            var label = Clip(Tidy((char)('A' + i) + ". " + quiz.Options[i]), ButtonLabelLimit);
            row.Add(new JsonObject { ["type"] = 2, ["style"] = 1, ["label"] = label, ["custom_id"] = QuizButtonPrefix + quiz.QuizId + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return rows;
    }
}
