using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.AI;

public sealed record ChatMessage(string Role, string Content);

public sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, string? ConversationId = null);

public sealed record ChatResponse(string Id, string Model, ChatMessage Message, int InputTokens, int OutputTokens);

public sealed class ChatClientOptions
{
    public string DefaultModel { get; set; } = "gpt-4o-mini";

    public Uri Endpoint { get; set; } = new("https://api.example.com/");
}

/// <summary>An AI SDK's chat client, instrumented after the gen_ai semantic conventions.</summary>
public sealed class ChatClient(HttpClient http, ChatClientOptions options)
{
    private static readonly ActivitySource Source = new("Corpus.AI");

    public async Task<ChatResponse?> CompleteAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        // "{gen_ai.operation.name} {gen_ai.request.model}": the model is bounded.
        using var activity = Source.StartActivity($"chat {request.Model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "chat");
            activity.SetTag("gen_ai.request.model", request.Model);
        }

        using var response = await http.PostAsJsonAsync(new Uri(options.Endpoint, "chat/completions"), request, cancellationToken).ConfigureAwait(false);
        var result = await response.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken).ConfigureAwait(false);
        activity?.SetTag("gen_ai.usage.input_tokens", result?.InputTokens);
        return result;
    }

    public async Task<ChatResponse?> CompleteWithDefaultsAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("chat " + options.DefaultModel, ActivityKind.Client);
        return await CompleteAsync(new ChatRequest(options.DefaultModel, messages), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChatResponse?> ContinueAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"chat {request.ConversationId}", ActivityKind.Client); // expect: TRC101
        return await CompleteAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChatResponse?> AskAsync(string prompt, CancellationToken cancellationToken)
    {
        // The user's prompt as the span name.
        using var activity = Source.StartActivity($"ask: {prompt}", ActivityKind.Client); // expect: TRC101
        return await CompleteWithDefaultsAsync([new ChatMessage("user", prompt)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> InvokeToolAsync(MethodInfo tool, object target, object?[] arguments)
    {
        // "execute_tool {gen_ai.tool.name}": the tool is a method of the program.
        using var activity = Source.StartActivity($"execute_tool {tool.Name}", ActivityKind.Internal);
        var result = tool.Invoke(target, arguments);
        return result is Task<string> pending ? await pending.ConfigureAwait(false) : result?.ToString() ?? "";
    }

    public Activity? StartStreaming(ChatRequest request)
    {
        // Returned to the stream reader, which ends it; nothing that can fail runs in between.
        var activity = Source.StartActivity($"chat {request.Model}", ActivityKind.Client);
        activity?.SetTag("gen_ai.request.model", request.Model);
        activity?.SetTag("gen_ai.request.stream", true);
        return activity;
    }

    public async Task<Activity?> StartStreamingAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var activity = Source.StartActivity($"chat {request.Model}", ActivityKind.Client); // expect: TRC201
        using var response = await http.PostAsJsonAsync(new Uri(options.Endpoint, "chat/stream"), request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return activity;
    }

    public async Task EmbedAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        using var activity = Source.StartActivity($"embeddings {started:HH:mm:ss}", ActivityKind.Client); // expect: TRC101
        await http.PostAsJsonAsync(new Uri(options.Endpoint, "embeddings"), inputs, cancellationToken).ConfigureAwait(false);
    }

    public void Record(ChatResponse response)
    {
        var activity = Source.StartActivity("gen_ai.record"); // expect: TRC201
        activity?.SetTag("gen_ai.response.id", response.Id);
        if (response.OutputTokens == 0)
        {
            return;
        }

        activity?.SetTag("gen_ai.usage.output_tokens", response.OutputTokens);
        activity?.Stop();
    }
}
