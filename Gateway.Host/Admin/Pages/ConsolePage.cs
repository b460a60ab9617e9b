using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Admin.Pages;

/// <summary>
/// The base of every console page. Razor makes page classes public, and a public page cannot take the gateway's
/// internal services in its constructor, so pages ask for them here.
/// </summary>
public abstract class ConsolePage : PageModel
{
    private protected T Get<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>Shows <paramref name="message"/> at the top of the next page.</summary>
    private protected void Flash(string message) => TempData["Message"] = message;
}
