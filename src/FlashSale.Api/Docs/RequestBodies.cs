using System.Reflection;
using FlashSale.Api.DeadLetters;
using FlashSale.Api.Items;
using FlashSale.Api.Orders;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>
/// The JSON bodies. Handlers take a body record bound by its own <c>BindAsync</c> (<see cref="Http.JsonBody"/>), which
/// the framework describes as nothing: each parameter of a <c>...Body</c> type with <c>BindAsync</c> becomes the
/// operation's <c>application/json</c> request body, required unless the parameter is nullable.
/// </summary>
internal static class RequestBodies
{
    /// <summary>The fields a body must carry (the use case's validator answers 400 <c>validation_failed</c> naming
    /// each missing one); the others are optional.</summary>
    private static readonly Dictionary<Type, string[]> RequiredFields = new()
    {
        [typeof(ListItemBody)] = ["itemId", "name", "stock", "perUserLimit"],
        [typeof(RestockBody)] = ["quantity", "reason"],
        [typeof(PlaceOrderBody)] = ["orderId", "itemId", "userId", "quantity"],
        [typeof(PaymentBody)] = ["paymentReference"],
        [typeof(DiscardBody)] = [],
    };

    public static IReadOnlyCollection<Type> Known => RequiredFields.Keys;

    public static async Task ApplyAsync(OpenApiOperation operation, IReadOnlyList<object> metadata, OpenApiDocument document,
        Func<Type, Task<OpenApiSchema>> schemaOf)
    {
        if (metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters().FirstOrDefault(IsJsonBody) is not { } parameter) return;
        var type = parameter.ParameterType;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            var schema = await schemaOf(type);
            schema.Required = new HashSet<string>(RequiredFields.GetValueOrDefault(type, []), StringComparer.Ordinal);
            document.AddComponent(type.Name, schema);
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = new NullabilityInfoContext().Create(parameter).ReadState != NullabilityState.Nullable,
            Description = "JSON (`Content-Type: application/json`), at most 16 KiB; unknown or repeated fields are refused.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(type.Name, document) },
            },
        };
    }

    private static bool IsJsonBody(ParameterInfo parameter) =>
        parameter.ParameterType.Name.EndsWith("Body", StringComparison.Ordinal) &&
        parameter.ParameterType.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static, [typeof(HttpContext), typeof(ParameterInfo)]) is not null;
}
