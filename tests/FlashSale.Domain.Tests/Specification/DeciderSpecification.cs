using FlashSale.Domain.Items;

namespace FlashSale.Domain.Tests.Specification;

/// <summary>Given/When/Then over the item decider, in the style of Ogooreck.</summary>
public static class Spec
{
    public static DeciderSpecification Given(params ItemEvent[] history) =>
        new(history.Aggregate(ItemState.Initial, ItemDecider.Evolve));
}

public sealed class DeciderSpecification(ItemState state)
{
    public Outcome When(ItemCommand command) => new(state, command);

    public sealed class Outcome(ItemState state, ItemCommand command)
    {
        public void Then(params ItemEvent[] expected)
        {
            var actual = ItemDecider.Decide(command, state);
            actual.ShouldBe(expected, ignoreOrder: false,
                customMessage: $"When {command}\nexpected:{Lines(expected)}\nactual:{Lines(actual)}");
        }

        public void ThenNothing() => Then();

        public void ThenRejects(string code)
        {
            var error = Should.Throw<DomainException>(() => ItemDecider.Decide(command, state), $"When {command}");
            error.Code.ShouldBe(code, $"When {command}: {error.Message}");
        }

        private static string Lines(ItemEvent[] events) =>
            events.Length == 0 ? " (no events)" : string.Concat(events.Select(e => $"\n  {e}"));
    }
}
