using System.Net;
using Gateway.Host.Admin.Security;
using Gateway.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>
/// Issue #10: every route of the admin listener declares who may use it, and the declaration holds over real HTTP.
/// The table below is the whole admin surface: a route added without an entry here fails the first test, so nobody
/// ships an endpoint without deciding its role.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RouteInventoryTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /health"] = AdminPolicies.ApiViewer,
        ["GET /openapi/{documentName}.json"] = AdminPolicies.ApiViewer,
        ["GET /metrics"] = AdminPolicies.ApiViewer,
        ["POST /api/outbound/{partnerId}/{documentType}"] = AdminPolicies.ApiOperator,
        ["POST /api/shipments"] = AdminPolicies.ApiOperator,
        ["GET /api/orders/stuck"] = AdminPolicies.ApiViewer,
        ["GET /api/orders/{purchaseOrder}"] = AdminPolicies.ApiViewer,
        ["GET /api/acks/overdue"] = AdminPolicies.ApiViewer,
        ["GET /api/audit"] = AdminPolicies.ApiAdmin,
        ["GET /api/dashboard"] = AdminPolicies.ApiViewer,
        ["GET /api/certificates"] = AdminPolicies.ApiViewer,
        ["GET /api/partners"] = AdminPolicies.ApiViewer,
        ["GET /api/partners/{id}"] = AdminPolicies.ApiViewer,
        ["POST /api/partners/{id}/test"] = AdminPolicies.ApiPartnerAdmin,
        ["GET /api/documents"] = AdminPolicies.ApiViewer,
        ["GET /api/documents/{id}"] = AdminPolicies.ApiViewer,
        ["GET /api/documents/{id}/raw"] = AdminPolicies.ApiViewer,
        ["POST /api/documents/{id}/reprocess"] = AdminPolicies.ApiOperator,
        ["POST /api/documents/{id}/replay"] = AdminPolicies.ApiOperator,
        ["POST /api/documents/{id}/fix"] = AdminPolicies.ApiOperator,
        ["GET /api/outbound/{id}"] = AdminPolicies.ApiViewer,
        ["POST /api/outbound/{id}/resend"] = AdminPolicies.ApiOperator,
        ["POST /sandbox/{system}/{**path}"] = AdminPolicies.Loopback,
        ["PUT /sandbox/{system}/{**path}"] = AdminPolicies.Loopback,
        ["GET /sandbox/{system}"] = AdminPolicies.Loopback,
        ["* /"] = AdminPolicies.Viewer,
        ["* /logout"] = AdminPolicies.Viewer,
        ["* /denied"] = AdminPolicies.Viewer,
        ["* /audit"] = AdminPolicies.Admin,
        ["* /documents"] = AdminPolicies.Viewer,
        ["* /documents/{id}"] = AdminPolicies.Viewer,
        ["* /outbound/{id}"] = AdminPolicies.Viewer,
        ["* /exceptions"] = AdminPolicies.Viewer,
        ["* /partners"] = AdminPolicies.Viewer,
        ["* /partners/{id}"] = AdminPolicies.Viewer,
        ["* /orders"] = AdminPolicies.Viewer,
        ["* /orders/{po}"] = AdminPolicies.Viewer,
        ["* /certificates"] = AdminPolicies.Viewer,
    };

    private TestGateway _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        _gateway.ExtraArguments.Add("--Gateway:Sandbox:Enabled=true");
        await _gateway.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    /// <summary>Every route as "METHOD /pattern" ("*" for pages, which answer GET and POST) with its policy, or null when anonymous.</summary>
    private List<(string Route, string? Policy, bool Page)> Inventory()
    {
        var routes = new List<(string, string?, bool)>();
        foreach (var endpoint in _gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            bool page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is not null;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            string? policy = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? null
                : string.Join(",", endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(no policy)").Distinct());
            foreach (string method in page ? ["*"] : methods)
            {
                routes.Add(($"{method} {pattern}", policy, page));
            }
        }
        return routes;
    }

    [Test]
    public void Every_route_declares_the_policy_the_table_gives_it_and_only_the_sign_in_page_is_anonymous()
    {
        var inventory = Inventory();
        Assert.Multiple(() =>
        {
            Assert.That(inventory.Where(r => r.Policy is null).Select(r => r.Route), Is.EquivalentTo(new[] { "* /login", "GET /console.css" }), "anonymous routes");
            Assert.That(inventory.Where(r => r.Policy is not null && (!Expected.TryGetValue(r.Route, out string? expected) || expected != r.Policy)).Select(r => $"{r.Route} declares {r.Policy}"),
                Is.Empty, "routes whose policy differs from the table, or that are not in it");
            Assert.That(Expected.Keys.Except(inventory.Select(r => r.Route)), Is.Empty, "table entries with no route");
        });
    }

    [Test]
    public async Task Anonymous_callers_get_401_from_the_API_and_the_sign_in_page_from_the_console()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_gateway.AdminUrl) };
        foreach (var (route, policy, page) in Inventory().Where(r => r.Policy is not null && r.Policy != AdminPolicies.Loopback))
        {
            string method = page ? "GET" : route.Split(' ')[0];
            using var answer = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(route.Split(' ')[1])));
            if (policy!.StartsWith("api:", StringComparison.Ordinal))
            {
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), route);
            }
            else
            {
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), route);
                Assert.That(answer.Headers.Location!.AbsolutePath, Is.EqualTo("/login"), route);
            }
        }
    }

    [Test]
    public async Task Each_API_token_reaches_exactly_the_routes_its_role_includes()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            using var http = _gateway.ApiClient(role);
            foreach (var (route, policy, _) in Inventory().Where(r => r.Policy?.StartsWith("api:", StringComparison.Ordinal) == true))
            {
                var needed = Enum.Parse<Role>(policy!["api:".Length..]);
                var (method, path) = (route.Split(' ')[0], Concrete(route.Split(' ')[1]));
                using var answer = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}") });
                if (role < needed)
                {
                    Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{role} on {route}");
                }
                else
                {
                    Assert.That(answer.StatusCode, Is.Not.EqualTo(HttpStatusCode.Forbidden).And.Not.EqualTo(HttpStatusCode.Unauthorized), $"{role} on {route}");
                }
            }
        }
    }

    [Test]
    public async Task A_Viewer_session_is_refused_the_administrator_pages()
    {
        string password = _gateway.AddUser("viewer-only", Role.Viewer);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var _ = await session.SignInAsync("viewer-only", password);
        using var audit = await session.GetAsync("/audit");
        Assert.That(audit.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(audit.Headers.Location!.AbsolutePath, Is.EqualTo("/denied"));
    }

    // A route pattern with its parameters filled in: enough to reach the authorization check behind it.
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*?\*?([A-Za-z]+)[^}]*\}", m => m.Groups[1].Value == "documentName" ? "v1" : "x-" + m.Groups[1].Value);
}
