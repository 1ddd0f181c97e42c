namespace Instrumentation.Analyzers.Tests.Corpus.AttributeKeys;

/// <summary>
/// HTTP client instrumentation with a stability opt-in switch: the current keys always, the old ones only when the
/// user asks for them (OTEL_SEMCONV_STABILITY_OPT_IN=http/dup style), keys in locals and static readonly fields, a
/// SetTagIfPresent extension, and test-style helpers.
/// </summary>
internal static class HttpClientCorpus
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Net.Http;

        namespace Fetcher.Instrumentation;

        internal static class ActivityExtensions
        {
            public static Activity SetTagIfPresent(this Activity activity, string key, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    activity.SetTag(key, value);
                }

                return activity;
            }
        }

        internal sealed class HttpClientDiagnostics(bool emitOldAttributes)
        {
            private static readonly ActivitySource Source = new("Fetcher.Http");
            private static readonly string UrlTemplateKey = "url.template";
            private static readonly string UserAgentKey = "http.user_agent";

            public Activity? OnRequest(HttpRequestMessage request, string? template)
            {
                var activity = Source.StartActivity("HTTP " + request.Method.Method, ActivityKind.Client);
                if (activity is null)
                {
                    return null;
                }

                var methodKey = "http.request.method";
                activity.SetTag(methodKey, request.Method.Method);
                activity.SetTag("url.full", request.RequestUri?.ToString());
                activity.SetTag("server.address", request.RequestUri?.Host);
                activity.SetTag("server.port", request.RequestUri?.Port);
                activity.SetTag(UrlTemplateKey, template);
                activity.SetTagIfPresent(UserAgentKey, request.Headers.UserAgent.ToString()); // expect: TRC301
                activity.SetTagIfPresent("http.request.header.x-correlation-id", request.Headers.TryGetValues("x-correlation-id", out var ids) ? string.Join(",", ids) : null);
                activity.SetTag("http.request.resend_count", 0);
                activity.SetTag("http.requst.body.size", request.Content?.Headers.ContentLength); // expect: TRC302

                if (emitOldAttributes)
                {
                    activity.SetTag("http.method", request.Method.Method); // expect: TRC301 (info)
                    activity.SetTag("http.url", request.RequestUri?.ToString()); // expect: TRC301 (info)
                    activity.SetTag("net.peer.name", request.RequestUri?.Host); // expect: TRC301 (info)
                }

                return activity;
            }

            public void OnResponse(Activity activity, HttpResponseMessage response)
            {
                activity.SetTag("http.response.status_code", (int)response.StatusCode);
                if (emitOldAttributes)
                {
                    activity.SetTag("http.status_code", (int)response.StatusCode); // expect: TRC301 (info)
                }

                activity.SetTag("http.flavor", response.Version.ToString()); // expect: TRC301
                activity.SetTag("Fetcher.RetryCount", 0); // expect: TRC303
                activity.SetTag("fetcher.retry_count", 0);
            }

            public void OnException(Activity activity, Exception exception)
            {
                activity.SetTag("error.type", exception.GetType().FullName);
                activity.SetTag("exception.escaped", true); // expect: TRC305 (info)
                activity.SetTag("otel.status_code", "ERROR");
            }
        }
        """;
}
