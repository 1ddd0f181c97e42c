using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// Code shaped like real services (order → inventory → payment, messaging, middleware). The correct versions must stay
/// silent: a rule that flags ordinary, correct tracing code gets turned off.
/// </summary>
public class RealisticCodeTests
{
    private const string Domain = """
        public sealed record Cart(string CustomerId, IReadOnlyList<string> Items, decimal Total);
        public sealed record Order(string Id, string CustomerId, decimal Total);
        public sealed record Message(string Id, IDictionary<string, string> Headers, string Body);

        public interface IOrderRepository
        {
            Task<Order> SaveAsync(Cart cart, CancellationToken cancellationToken);
            Order? Find(string id);
        }

        public interface IPaymentGateway
        {
            Task<bool> ChargeAsync(string customerId, decimal amount, CancellationToken cancellationToken);
        }

        """;

    [Fact]
    public Task Using_var_with_try_catch_SetStatus_boilerplate_is_fine() => VerifyAsync(Usings + Domain + """
        public sealed class OrderService
        {
            private static readonly ActivitySource Source = new("MyCompany.Orders", "1.0.0");
            private readonly IOrderRepository _repository;
            private readonly IPaymentGateway _payments;

            public OrderService(IOrderRepository repository, IPaymentGateway payments)
            {
                _repository = repository;
                _payments = payments;
            }

            public async Task<Order> PlaceOrderAsync(Cart cart, CancellationToken cancellationToken)
            {
                using var activity = Source.StartActivity("OrderService.PlaceOrder", ActivityKind.Internal);
                activity?.SetTag("app.order.item_count", cart.Items.Count);
                activity?.SetTag("app.customer.id", cart.CustomerId);

                try
                {
                    var order = await _repository.SaveAsync(cart, cancellationToken);
                    activity?.SetTag("app.order.id", order.Id);

                    using (var payment = Source.StartActivity("OrderService.Charge", ActivityKind.Client))
                    {
                        payment?.SetTag("app.payment.amount", (double)cart.Total);
                        if (!await _payments.ChargeAsync(cart.CustomerId, cart.Total, cancellationToken))
                        {
                            payment?.SetStatus(ActivityStatusCode.Error, "payment declined");
                            throw new InvalidOperationException("Payment declined");
                        }
                    }

                    activity?.AddEvent(new ActivityEvent("order.placed"));
                    return order;
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                    activity?.AddException(ex);
                    throw;
                }
            }

            public Order? FindOrder(string id)
            {
                using var activity = Source.StartActivity();
                activity?.SetTag("app.order.id", id);
                var order = _repository.Find(id);
                if (order is null)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, "not found");
                    return null;
                }

                return order;
            }
        }
        """);

    [Fact]
    public Task Manual_stop_in_finally_with_error_recording_is_fine() => VerifyAsync(Usings + Domain + """
        public sealed class InventoryService
        {
            private static readonly ActivitySource Source = new("MyCompany.Inventory");

            public async Task<bool> ReserveAsync(Order order, CancellationToken cancellationToken)
            {
                var activity = Source.StartActivity("InventoryService.Reserve", ActivityKind.Client);
                try
                {
                    if (activity is { IsAllDataRequested: true })
                    {
                        activity.SetTag("app.order.id", order.Id);
                        activity.SetTag("app.order.total", order.Total.ToString("F2"));
                    }

                    await Task.Delay(5, cancellationToken);
                    activity?.SetStatus(ActivityStatusCode.Ok);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    activity?.SetTag("app.cancelled", true);
                    return false;
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                    activity?.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
                    {
                        { "exception.type", ex.GetType().FullName },
                        { "exception.message", ex.Message },
                    }));
                    throw;
                }
                finally
                {
                    activity?.Stop();
                }
            }
        }
        """);

    [Fact]
    public Task Consumer_with_extracted_parent_context_is_fine() => VerifyAsync(Usings + Domain + """
        public sealed class OrderConsumer
        {
            private static readonly ActivitySource Source = new("MyCompany.Messaging");

            public async Task HandleAsync(Message message, Func<Message, Task> next)
            {
                ActivityContext.TryParse(
                    message.Headers.TryGetValue("traceparent", out var traceParent) ? traceParent : null,
                    message.Headers.TryGetValue("tracestate", out var traceState) ? traceState : null,
                    out var parent);

                var links = new[] { new ActivityLink(parent) };
                using var activity = Source.StartActivity("orders process", ActivityKind.Consumer, parent, links: links);
                activity?.SetTag("messaging.system", "rabbitmq");
                activity?.SetTag("messaging.message.id", message.Id);
                await next(message);
            }

            public void Publish(Message message)
            {
                using var activity = Source.StartActivity("orders publish", ActivityKind.Producer);
                if (activity is not null)
                {
                    message.Headers["traceparent"] = activity.Id!;
                }
            }
        }
        """);

    [Fact]
    public Task Null_guard_then_using_block_is_fine() => VerifyAsync(Usings + """
        public sealed class Middleware
        {
            private static readonly ActivitySource Source = new("MyCompany.Web");
            private readonly Func<string, Task> _next;

            public Middleware(Func<string, Task> next) => _next = next;

            public async Task InvokeAsync(string path)
            {
                var activity = Source.StartActivity("middleware", ActivityKind.Server);
                if (activity is null)
                {
                    await _next(path);
                    return;
                }

                using (activity)
                {
                    activity.SetTag("url.path", path);
                    await _next(path);
                }
            }
        }
        """);

    [Fact]
    public Task OpenTelemetry_api_style_is_fine() => VerifyAsync(Usings + Domain + """
        public sealed class PaymentService
        {
            private readonly Tracer _tracer;
            private readonly IPaymentGateway _gateway;

            public PaymentService(TracerProvider provider, IPaymentGateway gateway)
            {
                _tracer = provider.GetTracer("MyCompany.Payments");
                _gateway = gateway;
            }

            public async Task<bool> ProcessAsync(Order order, CancellationToken cancellationToken)
            {
                using var span = _tracer.StartActiveSpan("PaymentService.Process", SpanKind.Client);
                span.SetAttribute("app.order.id", order.Id);
                try
                {
                    var ok = await _gateway.ChargeAsync(order.CustomerId, order.Total, cancellationToken);
                    span.SetStatus(ok ? Status.Ok : Status.Error.WithDescription("declined"));
                    return ok;
                }
                catch (Exception ex)
                {
                    span.RecordException(ex);
                    span.SetStatus(Status.Error.WithDescription(ex.Message));
                    throw;
                }
            }

            public bool VerifyCard(string cardToken)
            {
                var span = _tracer.StartSpan("PaymentService.VerifyCard");
                try
                {
                    return cardToken.Length == 16;
                }
                finally
                {
                    span.End();
                }
            }
        }
        """);

    [Fact]
    public Task Activity_tracker_that_keeps_spans_in_a_dictionary_is_fine() => VerifyAsync(Usings + """
        public sealed class RequestTracker
        {
            private static readonly ActivitySource Source = new("MyCompany.Requests");
            private readonly Dictionary<string, Activity> _open = new();

            public void OnRequestStarted(string requestId)
            {
                var activity = Source.StartActivity("request");
                if (activity is not null)
                {
                    _open[requestId] = activity;
                }
            }

            public void OnRequestFinished(string requestId)
            {
                if (_open.Remove(requestId, out var activity))
                {
                    activity.Stop();
                }
            }
        }
        """);

    [Fact]
    public Task Span_may_never_end_when_work_throws() => VerifyAsync(Usings + Domain + """
        public sealed class RiskyService
        {
            private readonly Tracer _tracer;

            public RiskyService(Tracer tracer) => _tracer = tracer;

            public void Risky(Order order)
            {
                var span = {|TRC201:_tracer.StartSpan("risky")|};
                span.SetAttribute("app.order.id", order.Id);
                Validate(order);
                span.End();
            }

            public bool Validate(Order order)
            {
                var activity = {|TRC201:new ActivitySource("x").StartActivity("Validate")|};
                if (order.Total <= 0)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, "empty order");
                    return false;
                }

                activity?.Stop();
                return true;
            }

            public string Classify(Order order)
            {
                var activity = {|TRC201:new ActivitySource("x").StartActivity("Classify")|};
                switch (order.Total)
                {
                    case > 1000m:
                        activity?.Stop();
                        return "large";
                    case > 0m:
                        activity?.Stop();
                        return "small";
                    default:
                        throw new ArgumentOutOfRangeException(nameof(order));
                }
            }
        }
        """);

    [Fact]
    public Task Formatting_and_helper_calls_between_start_and_a_non_finally_end_are_exception_paths() => VerifyMembersAsync("""
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private int _count;

            public void Handle(Guid id, DateTime when, decimal amount)
            {
                // Every call other than a member of the span may throw past the end: Stopwatch.StartNew, ToString, Math.Max...
                var activity = {|TRC201:Source.StartActivity("Count")|};
                var stopwatch = Stopwatch.StartNew();
                lock (_gate)
                {
                    _count++;
                }

                lock (_lock)
                {
                    Interlocked.Increment(ref _count);
                }

                activity?.SetTag("app.id", id.ToString());
                activity?.SetTag("app.when", when.ToString("O"));
                activity?.SetTag("app.amount", $"{amount:F2} EUR");
                activity?.SetTag("app.summary", string.Join(",", new[] { "a", "b" }));
                activity?.SetTag("app.elapsed_ms", stopwatch.Elapsed.TotalMilliseconds);
                activity?.SetTag("app.max", Math.Max(_count, 10));
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Lock_statements_and_interpolated_strings_alone_are_not_exception_paths() => VerifyMembersAsync("""
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private int _count;

            public void Handle(decimal amount)
            {
                var activity = Source.StartActivity("Count");
                lock (_gate)
                {
                    _count++;
                }

                lock (_lock)
                {
                    _count--;
                }

                activity?.SetTag("app.amount", $"{amount} EUR");
                activity?.SetTag("app.count", _count);
                activity?.Stop();
            }
        """);
}
