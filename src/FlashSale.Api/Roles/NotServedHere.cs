using FlashSale.Api.Http;
using FlashSale.Hosting.Roles;

namespace FlashSale.Api.Roles;

/// <summary>
/// A process without the api role (a worker: projector, payments) still answers <c>/health</c>, <c>/health/ready</c> and
/// <c>/metrics</c> for its supervisor and Prometheus; every other path is <c>404 api.not_served</c>, naming its roles, so
/// a client or proxy sent to a worker by mistake learns why at once (404, not 503: no retry here will ever succeed).
/// </summary>
public static class NotServedHere
{
    public const string Code = "api.not_served";

    public static IEndpointRouteBuilder MapNotServedHere(this IEndpointRouteBuilder app)
    {
        app.MapFallback(Answer).ExcludeFromDescription();
        return app;
    }

    // [FromServices]: ProcessRoles has a TryParse the binder would otherwise take for a route value.
    public static ProblemResult Answer([Microsoft.AspNetCore.Mvc.FromServices] ProcessRoles roles) =>
        Problems.Create(StatusCodes.Status404NotFound, "Not served by this process",
            $"This process runs the roles {roles.Name}; the buyer and operator API is served by processes with the api role " +
            "(Roles=api). Here: /health, /health/ready and /metrics.", Code);
}
