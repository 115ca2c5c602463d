using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;

namespace FlashSale.Application.Tests.Validation;

/// <summary>Payment references are limited in bytes, not characters: what is stored and sent on is UTF-8.</summary>
public sealed class ReferenceLengthTests
{
    [Fact]
    public void a_reference_of_128_ascii_characters_is_accepted() =>
        Validate(new string('r', 128)).IsValid.ShouldBeTrue();

    [Fact]
    public void a_reference_of_100_characters_but_200_bytes_is_refused_naming_its_size_in_bytes()
    {
        var result = Validate(new string('\u00E9', 100));

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("'paymentReference' must be at most 128 bytes (it has 200).");
    }

    private static FluentValidation.Results.ValidationResult Validate(string reference) =>
        new ConfirmPaymentValidator().Validate(new ConfirmPaymentRequest("o-1", reference, CommandContext.System("psp")));
}
