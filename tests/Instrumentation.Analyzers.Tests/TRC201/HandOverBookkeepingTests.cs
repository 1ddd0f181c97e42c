using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// Before a hand-over, filling or reading a collection of any library (copying headers into a metadata collection)
/// is bookkeeping like the BCL's own collections, and copying a struct with one part replaced (<c>WithHeaders</c>) is
/// building a value: neither is a call that can really fail; other library calls still are.
/// </summary>
public class HandOverBookkeepingTests
{
    private const string Collection = """
        public sealed class HeaderList : System.Collections.ObjectModel.Collection<string>
        {
            public void Send() { }
        }

        public readonly struct CallSettings
        {
            public CallSettings(HeaderList? headers) => Headers = headers;
            public HeaderList? Headers { get; }
            public CallSettings WithHeaders(HeaderList headers) => new(headers);
            public CallSettings Without(HeaderList headers) => new(headers);
            public CallSettings Within(HeaderList headers) => new(headers);
            public HeaderList WithList(HeaderList headers) => headers;
        }

        public sealed class HeaderMap : IEnumerable<KeyValuePair<string, string>>
        {
            public void Add(string key, string value) { }
            public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => throw new NotSupportedException();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }

        """;

    private static string WithCollections(string members) => Usings + Collection + InService(members).Substring(Usings.Length);

    [Fact]
    public Task Copying_into_a_collection_before_storing_the_span_is_not_reported() =>
        VerifyAsync(WithCollections("""
            private Activity? _activity;

            public void Begin(IReadOnlyList<string> incoming)
            {
                var activity = Source.StartActivity("Call", ActivityKind.Client);
                if (activity == null)
                {
                    return;
                }

                var headers = new HeaderList();
                for (var i = 0; i < incoming.Count; i++)
                {
                    headers.Add(incoming[i]);
                }

                headers.Insert(0, "traceparent");
                _ = headers.Contains("x");
                _activity = activity;
            }
        """));

    [Fact]
    public Task Other_calls_and_add_methods_of_types_that_are_not_collections_are_still_reported() =>
        VerifyAsync(WithCollections("""
            private Activity? _activity;

            public void Begin()
            {
                var first = {|#0:Source.StartActivity("Call")|};
                var headers = new HeaderList();
                headers.Send();
                _activity = first;
            }

            public void Map()
            {
                var second = {|#1:Source.StartActivity("Call")|};
                var map = new HeaderMap();
                map.Add("k", "v");
                _activity = second;
            }
        """),
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'first' is stored leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"),
        Diagnostic().WithLocation(1).WithArguments("an exception thrown before 'second' is stored leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"));

    [Fact]
    public Task Copying_a_struct_with_one_part_replaced_before_storing_the_span_is_not_reported() =>
        VerifyAsync(WithCollections("""
            private Activity? _activity;
            private CallSettings _settings;

            public void Begin(CallSettings settings)
            {
                var activity = Source.StartActivity("Call", ActivityKind.Client);
                var headers = new HeaderList();
                settings = settings.WithHeaders(headers);
                _activity = activity;
                _settings = settings;
            }
        """));

    [Fact]
    public Task Methods_that_only_look_like_a_struct_copy_are_still_reported() =>
        VerifyAsync(WithCollections("""
            private Activity? _activity;

            public void Without(CallSettings settings)
            {
                var first = {|#0:Source.StartActivity("Call")|};
                settings = settings.Without(new HeaderList());
                _activity = first;
            }

            public void Within(CallSettings settings)
            {
                var second = {|#1:Source.StartActivity("Call")|};
                settings = settings.Within(new HeaderList());
                _activity = second;
            }

            public void OtherType(CallSettings settings)
            {
                var third = {|#2:Source.StartActivity("Call")|};
                _ = settings.WithList(new HeaderList());
                _activity = third;
            }
        """),
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'first' is stored leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"),
        Diagnostic().WithLocation(1).WithArguments("an exception thrown before 'second' is stored leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"),
        Diagnostic().WithLocation(2).WithArguments("an exception thrown before 'third' is stored leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"));
}
