using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DerivBot.Discord.Rest;

/// <summary>A request body as Discord wants it (apis.md D.3): JSON, or multipart with <c>payload_json</c> and
/// <c>files[n]</c> parts when there are attachments. Buffered, so the transport retry can send it again.</summary>
internal static class DiscordRequestContent
{
    public static HttpContent? Create(JsonNode? payload, IReadOnlyList<DiscordFile>? files)
    {
        if (files is null || files.Count == 0)
        {
            return payload is null ? null : new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        }
        var multipart = new MultipartFormDataContent("derivbot-" + Guid.NewGuid().ToString("N"));
        var json = new StringContent((payload ?? new JsonObject()).ToJsonString(), Encoding.UTF8, "application/json");
        json.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        multipart.Add(json);
        for (var i = 0; i < files.Count; i++)
        {
            var part = new ByteArrayContent(files[i].Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data")
            {
                Name = $"\"files[{i}]\"",
                FileName = $"\"{files[i].FileName}\"",
            };
            multipart.Add(part);
        }
        return multipart;
    }
}
