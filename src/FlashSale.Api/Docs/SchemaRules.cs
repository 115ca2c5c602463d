using System.Reflection;
using FlashSale.Api.Health;
using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>Schemas as the API really writes and reads JSON.</summary>
internal sealed class SchemaRules : IOpenApiSchemaTransformer
{
    /// <summary>Written with nulls left out (<see cref="Problems.Json"/>, the readiness writer): a nullable member
    /// may be absent.</summary>
    private static readonly HashSet<Type> OmitNulls =
        [typeof(Problem), typeof(ReadModelBehindProblem), typeof(ReadinessReport), typeof(StoreReadiness)];

    private const string ProblemCode = "code";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // The web defaults' number handling would allow "42" for 42: bodies are read strictly and answers write numbers.
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        var clrType = context.JsonTypeInfo.Type;
        if (OmitNulls.Contains(clrType) && schema.Required is { } required)
        {
            var nullability = new NullabilityInfoContext();
            foreach (var property in context.JsonTypeInfo.Properties)
                if (property.AttributeProvider is PropertyInfo info && nullability.Create(info).ReadState == NullabilityState.Nullable)
                    required.Remove(property.Name);
        }
        // Every problem the API writes carries its code (Problems.Of, the order rejections).
        if (clrType == typeof(Problem) && schema.Properties is { } properties && properties.TryGetValue(ProblemCode, out var found) && found is OpenApiSchema code)
        {
            (schema.Required ??= new HashSet<string>()).Add(ProblemCode);
            code.Type &= ~JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
