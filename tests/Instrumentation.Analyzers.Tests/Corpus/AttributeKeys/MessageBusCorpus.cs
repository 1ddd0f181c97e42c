namespace Instrumentation.Analyzers.Tests.Corpus.AttributeKeys;

/// <summary>
/// A message bus's tracing: its own messaging.&lt;bus&gt;.* keys, Kafka transport keys that the registry renamed after the
/// release this project targets (1.42: messaging.system, messaging.kafka.offset, messaging.servicebus.* and
/// rpc.response.status_code are deprecated in 1.45 and must not be reported), RPC-style message events whose keys were deprecated without a successor,
/// and a small wrapper that every send and receive path goes through.
/// </summary>
internal static class MessageBusCorpus
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        namespace Courier.Diagnostics;

        internal static class CourierActivity
        {
            internal static readonly ActivitySource Source = new("Courier");

            public static void AddTag(Activity? activity, (string Key, object? Value) tag)
            {
                if (activity is { IsAllDataRequested: true })
                {
                    activity.SetTag(tag.Key, tag.Value);
                }
            }

            // Connection tags kept in a static readonly field and given to every connection span.
            private static readonly KeyValuePair<string, object?>[] ConnectionTags =
            [
                new("network.protocol.name", "courier"),
                new("net.peer.name", "broker"), // expect: TRC301
            ];

            public static Activity? StartConnect() =>
                Source.CreateActivity("courier connect", ActivityKind.Client, default(ActivityContext), tags: ConnectionTags)?.Start();

            public static Activity? StartSend(string destination, string messageType, Guid conversationId)
            {
                var activity = Source.StartActivity($"{destination} publish", ActivityKind.Producer);
                AddTag(activity, ("messaging.system", "courier"));
                AddTag(activity, ("messaging.operation.type", "send"));
                AddTag(activity, ("messaging.destination", destination)); // expect: TRC301
                AddTag(activity, ("messaging.courier.message_type", messageType)); // expect: TRC304 (info)
                AddTag(activity, ("messaging.courier.conversation_id", conversationId)); // expect: TRC304 (info)
                AddTag(activity, ("messaging.mesage.id", Guid.NewGuid())); // expect: TRC302
                return activity;
            }

            public static Activity? StartReceive(string topic, int partition, long offset, string? key)
            {
                var tags = new ActivityTagsCollection
                {
                    ["messaging.system.name"] = "kafka",
                    ["messaging.destination.name"] = topic,
                    ["messaging.destination.partition.id"] = partition.ToString(),
                    ["messaging.kafka.offset"] = offset,
                    ["messaging.kafka.message.key"] = key,
                };
                return Source.StartActivity(ActivityKind.Consumer, tags: tags, name: topic + " receive");
            }

            public static void RecordMessageEvent(Activity activity, bool sent, long id, int size)
            {
                activity.AddEvent(new ActivityEvent("message", tags: new ActivityTagsCollection
                {
                    { "message.type", sent ? "SENT" : "RECEIVED" }, // expect: TRC305 (info)
                    { "message.id", id }, // expect: TRC305 (info)
                    { "message.uncompressed_size", size }, // expect: TRC305 (info)
                }));
            }

            public static void Settled(Activity? activity, string disposition, int deliveryCount)
            {
                activity?.SetTag("messaging.servicebus.disposition_status", disposition);
                activity?.SetTag("messaging.courier.delivery_count", deliveryCount); // expect: TRC304 (info)
                activity?.SetTag("rpc.response.status_code", "OK");
            }
        }
        """;
}
