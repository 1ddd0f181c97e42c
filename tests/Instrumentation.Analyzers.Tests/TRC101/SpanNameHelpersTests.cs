using System.Linq;
using Instrumentation.CodeFixes.SpanNames;
using Instrumentation.Generators.Analyzers.SpanNames;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>The id scanner behind "a constant that embeds an identifier" and the naming of template placeholders and tag keys.</summary>
public class SpanNameHelpersTests
{
    [Theory]
    [InlineData("/orders/42", "42", "PathSegment")]
    [InlineData("GET /orders/42", "42", "PathSegment")]
    [InlineData("GET /orders/42/lines", "42", "PathSegment")]
    [InlineData("GET /orders/7?expand=lines", "7", "PathSegment")]
    [InlineData("/1/2", "1", "PathSegment")]
    [InlineData("api/2024", "2024", "PathSegment")]
    [InlineData("batch-20240101", "20240101", "LongNumber")]
    [InlineData("invoice12345", "12345", "LongNumber")]
    [InlineData("order 3fa85f64-5717-4562-b3fc-2c963f66afa6", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "Guid")]
    [InlineData("{3FA85F64-5717-4562-B3FC-2C963F66AFA6}", "3FA85F64-5717-4562-B3FC-2C963F66AFA6", "Guid")]
    [InlineData("order 3fa85f6457174562b3fc2c963f66afa6", "3fa85f6457174562b3fc2c963f66afa6", "Guid")]
    public void Finds_embedded_ids(string text, string id, string kind)
    {
        var found = SpanNameIdScanner.FindAll(text);
        Assert.NotEmpty(found);
        Assert.Equal(id, text.Substring(found[0].Start, found[0].Length));
        Assert.Equal(kind, found[0].Kind.ToString());
    }

    [Theory]
    [InlineData("/api/v2/orders")]
    [InlineData("GET /users/{id}")]
    [InlineData("GET /orders/{0}")]
    [InlineData("HTTP/2 request")]
    [InlineData("http/3")]
    [InlineData("retry 1/3")]
    [InlineData("v1/2")]
    [InlineData("sha256")]
    [InlineData("port 8080")]
    [InlineData("1234")]
    [InlineData("orders.v2.process")]
    [InlineData("/orders/42.json")]
    [InlineData("deadbeefdeadbeefdeadbeefdeadbeef")]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa")]
    [InlineData("")]
    public void Ignores_ordinary_names(string text) => Assert.Empty(SpanNameIdScanner.FindAll(text));

    [Fact]
    public void Finds_every_id_in_order()
    {
        const string Text = "/users/7/orders/123456/items/3fa85f64-5717-4562-b3fc-2c963f66afa6";
        var found = SpanNameIdScanner.FindAll(Text);
        Assert.Equal(
            ["7", "123456", "3fa85f64-5717-4562-b3fc-2c963f66afa6"],
            found.Select(f => Text.Substring(f.Start, f.Length)).ToArray());
    }

    [Theory]
    [InlineData("userId", "userId", "enduser.id")]
    [InlineData("_userId", "userId", "enduser.id")]
    [InlineData("m_userId", "userId", "enduser.id")]
    [InlineData("@event", "event", "event")]
    [InlineData("UserId", "userId", "enduser.id")]
    [InlineData("order.Id", "orderId", "order_id")]
    [InlineData("order.ID", "orderID", "order_id")]
    [InlineData("this.order.Id", "orderId", "order_id")]
    [InlineData("order.OrderId", "orderId", "order_id")]
    [InlineData("request.Order.Id", "orderId", "order_id")]
    [InlineData("order?.Id", "orderId", "order_id")]
    [InlineData("customer.Email", "email", "email")]
    [InlineData("context.Request.Path", "requestPath", "url.path")]
    [InlineData("userId.ToString()", "userId", "enduser.id")]
    [InlineData("orderId.ToString(\"N\")", "orderId", "order_id")]
    [InlineData("name.ToLowerInvariant()", "name", "name")]
    [InlineData("GetTenantId()", "tenantId", "tenant_id")]
    [InlineData("session.GetUserName()", "userName", "user_name")]
    [InlineData("ids[0]", "ids", "ids")]
    [InlineData("(long)count", "count", "count")]
    [InlineData("await LoadIdAsync()", "loadIdAsync", "load_id_async")]
    [InlineData("URLPath", "urlPath", "url.path")]
    [InlineData("HTTPStatus2xx", "httpStatus2xx", "http_status2xx")]
    [InlineData("attempt + 1", "attempt", "attempt")]
    [InlineData("DateTime.UtcNow", "utcNow", "utc_now")]
    [InlineData("_options.DatabaseName", "databaseName", "db.namespace")]
    [InlineData("connection.Database", "database", "db.namespace")]
    [InlineData("message.Topic", "topic", "messaging.destination.name")]
    [InlineData("queueName", "queueName", "messaging.destination.name")]
    [InlineData("request.Model", "model", "gen_ai.request.model")]
    [InlineData("request.RequestUri", "requestUri", "url.full")]
    [InlineData("command.CommandText", "commandText", "db.query.text")]
    [InlineData("tableName", "tableName", "db.collection.name")]
    [InlineData("httpMethod", "httpMethod", "http.request.method")]
    [InlineData("method", "method", "method")]
    public void Derives_placeholder_and_key(string expression, string placeholder, string key)
    {
        var actual = TagNaming.PlaceholderFor(SyntaxFactory.ParseExpression(expression));
        Assert.Equal(placeholder, actual);
        Assert.Equal(key, TagNaming.TagKeyFor(actual!));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("1 + 2")]
    [InlineData("\"x\"")]
    [InlineData("this")]
    public void Values_that_name_nothing_get_no_placeholder(string expression) =>
        Assert.Null(TagNaming.PlaceholderFor(SyntaxFactory.ParseExpression(expression)));

    [Theory]
    [InlineData("userId")]
    [InlineData("orderID")]
    [InlineData("x2")]
    [InlineData("value")]
    [InlineData("HTTPStatus")]
    public void Keys_follow_the_attribute_naming_rules(string placeholder) =>
        Assert.Matches("^[a-z][a-z0-9_]*$", TagNaming.KeyFor(placeholder));
}
