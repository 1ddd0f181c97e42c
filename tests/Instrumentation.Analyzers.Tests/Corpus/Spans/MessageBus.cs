using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.Messaging;

public sealed class TransportMessage
{
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    public string ConversationId { get; init; } = "";

    public string MessageType { get; init; } = "";

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();

    public ReadOnlyMemory<byte> Body { get; init; }
}

public interface ITransport
{
    Task SendAsync(string destination, TransportMessage message, CancellationToken cancellationToken);

    IAsyncEnumerable<TransportMessage> ReceiveAsync(string queue, CancellationToken cancellationToken);

    Task AcknowledgeAsync(TransportMessage message, CancellationToken cancellationToken);
}

public sealed class BusOptions
{
    public string EndpointName { get; set; } = "orders";

    public string ErrorQueue { get; set; } = "orders.error";
}

/// <summary>Producer side: one span per send, context propagated in the headers.</summary>
public sealed class InstrumentedProducer(ITransport transport, BusOptions options)
{
    private static readonly ActivitySource Source = new("Corpus.Messaging");

    public async Task PublishAsync(string topic, TransportMessage message, CancellationToken cancellationToken)
    {
        // "{destination} publish" is the semantic-convention name: the topic is bounded.
        using var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is not null)
        {
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.message.id", message.MessageId);
            message.Headers["traceparent"] = activity.Id!;
        }

        await transport.SendAsync(topic, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendToErrorQueueAsync(TransportMessage message, Exception error, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"{options.ErrorQueue} send", ActivityKind.Producer);
        activity?.AddException(error);
        await transport.SendAsync(options.ErrorQueue, message, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendReplyAsync(TransportMessage request, TransportMessage reply, CancellationToken cancellationToken)
    {
        // A reply per conversation: the conversation id is per-call data.
        using var activity = Source.StartActivity("reply to " + request.ConversationId, ActivityKind.Producer); // expect: TRC101
        await transport.SendAsync(request.Headers["reply-to"], reply, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendBatchAsync(string queue, IReadOnlyList<TransportMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            var activity = Source.StartActivity($"{queue} send", ActivityKind.Producer); // expect: TRC201
            await transport.SendAsync(queue, message, cancellationToken).ConfigureAwait(false);
            activity?.Dispose();
        }
    }
}

/// <summary>Consumer side: one span per message, ended when the handler completes.</summary>
public sealed class InstrumentedConsumer(ITransport transport, BusOptions options, Func<TransportMessage, CancellationToken, Task> handler)
{
    private static readonly ActivitySource Source = new("Corpus.Messaging");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in transport.ReceiveAsync(options.EndpointName, cancellationToken).ConfigureAwait(false))
        {
            using var activity = StartProcess(message);
            try
            {
                await handler(message, cancellationToken).ConfigureAwait(false);
                await transport.AcknowledgeAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                throw;
            }
        }
    }

    public async Task RunUnsafeAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in transport.ReceiveAsync(options.EndpointName, cancellationToken).ConfigureAwait(false))
        {
            var activity = StartProcess(message); // expect: TRC201
            await handler(message, cancellationToken).ConfigureAwait(false);
            activity?.Stop();
        }
    }

    public async Task HandleTypedAsync(TransportMessage message, CancellationToken cancellationToken)
    {
        // The message type is bounded by the program; the message id is not.
        using var byType = Source.StartActivity($"{message.MessageType} process", ActivityKind.Consumer);
        using var byId = Source.StartActivity($"process {message.MessageId}", ActivityKind.Consumer); // expect: TRC101
        await handler(message, cancellationToken).ConfigureAwait(false);
    }

    // Same-compilation helper that starts and returns the span: its callers own it.
    private Activity? StartProcess(TransportMessage message)
    {
        var parent = message.Headers.TryGetValue("traceparent", out var traceParent) ? traceParent : null;
        var activity = Source.StartActivity($"{options.EndpointName} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("messaging.message.conversation_id", message.ConversationId);
        return activity;
    }
}

/// <summary>
/// A client library's publisher: the routing key joins the span name only when the application opts in (reported as
/// Info, naming the switch); a per-message flag choosing the richer name is not an opt-in (a warning).
/// </summary>
public static class BrokerPublisher
{
    private static readonly ActivitySource Source = new("Corpus.Messaging.Broker", "1.0.0");

    public static bool UseRoutingKeyAsOperationName { get; set; }

    public static Activity? Publish(string routingKey) =>
        StartBrokerActivity(UseRoutingKeyAsOperationName ? $"publish {routingKey}" : "publish", ActivityKind.Producer); // expect: TRC101

    public static Activity? Republish(TransportMessage message, string routingKey, bool redelivered) =>
        StartBrokerActivity(redelivered ? $"republish {routingKey}" : "publish", ActivityKind.Producer); // expect: TRC101

    private static Activity? StartBrokerActivity(string name, ActivityKind kind) => Source.StartActivity(name, kind);
}
