using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.Http;

/// <summary>A delegating handler that records one client span per request.</summary>
public sealed class TracingHandler : DelegatingHandler
{
    private static readonly ActivitySource Source = new("Corpus.Http");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // "{method}" is the semantic-convention client span name.
        using var activity = Source.StartActivity(request.Method.Method, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.full", request.RequestUri?.ToString());
            request.Headers.TryAddWithoutValidation("traceparent", activity.Id);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        return response;
    }
}

/// <summary>A typed client wrapper the way application teams write them.</summary>
public sealed class CatalogClient(HttpClient http)
{
    private static readonly ActivitySource Source = new("Corpus.Catalog");

    public async Task<string> GetProductAsync(string productId, CancellationToken cancellationToken)
    {
        // The URL path with the id in it, as the span name.
        using var activity = Source.StartActivity($"GET /products/{productId}", ActivityKind.Client); // expect: TRC101
        return await http.GetStringAsync(new Uri("/products/" + productId, UriKind.Relative), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> GetCategoryAsync(string category, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("GET /categories/{category}", ActivityKind.Client);
        activity?.SetTag("app.catalog.category", category);
        return await http.GetStringAsync(new Uri("/categories/" + category, UriKind.Relative), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var path = "/search?q=" + Uri.EscapeDataString(query);
        using var activity = Source.StartActivity("GET " + path, ActivityKind.Client); // expect: TRC101
        return await http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(uri.AbsolutePath, ActivityKind.Client); // expect: TRC101
        return await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> CallAsync(Func<Task<string>> send, [CallerMemberName] string operation = "")
    {
        // The caller's method name: bounded by the code.
        using var activity = Source.StartActivity($"CatalogClient.{operation}", ActivityKind.Client);
        return await send().ConfigureAwait(false);
    }

    public async Task<string> GetWithRetryAsync(Uri uri, int attempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var activity = Source.StartActivity("GET attempt " + attempt, ActivityKind.Client); // expect: TRC101
            try
            {
                return await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < attempts)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    public Activity? StartRequest(HttpRequestMessage request)
    {
        // Handed to the caller right after enrichment: the caller ends it.
        var activity = Source.StartActivity(request.Method.Method, ActivityKind.Client);
        activity?.SetTag("url.full", request.RequestUri?.ToString());
        return activity;
    }

    public Activity? StartAndInject(HttpRequestMessage request, IDictionary<string, string> headers)
    {
        var activity = Source.StartActivity(request.Method.Method, ActivityKind.Client); // expect: TRC201
        Inject(activity, headers);
        request.Headers.Add("baggage", Serialize(headers));
        return activity;
    }

    public Activity? StartGuarded(HttpRequestMessage request, IDictionary<string, string> headers)
    {
        // Disposed on the failure path unless handed over: safe.
        var activity = Source.StartActivity(request.Method.Method, ActivityKind.Client);
        var handedOver = false;
        try
        {
            Inject(activity, headers);
            request.Headers.Add("baggage", Serialize(headers));
            handedOver = true;
            return activity;
        }
        finally
        {
            if (!handedOver)
            {
                activity?.Dispose();
            }
        }
    }

    public async Task<string> DownloadAsync(Uri uri)
    {
        var activity = Source.StartActivity("download", ActivityKind.Client); // expect: TRC201
        var content = await http.GetStringAsync(uri).ConfigureAwait(false);
        activity?.SetTag("http.response.body.size", content.Length);
        activity?.Stop();
        return content;
    }

    private static void Inject(Activity? activity, IDictionary<string, string> headers)
    {
        if (activity?.Id is { } id)
        {
            headers["traceparent"] = id;
        }
    }

    private static string Serialize(IDictionary<string, string> headers) => string.Join(",", headers.Keys);
}
