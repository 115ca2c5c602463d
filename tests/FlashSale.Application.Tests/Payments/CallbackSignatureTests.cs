using System.Text;
using FlashSale.Payments.Callbacks;

namespace FlashSale.Application.Tests.Payments;

public sealed class CallbackSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec-0123456789abcdef0123456789abcdef");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"paymentReference":"psp-1"}""");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void the_signature_is_hmac_sha256_over_the_timestamp_a_dot_and_the_body()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Secret,
            Encoding.UTF8.GetBytes("1800000000." + """{"paymentReference":"psp-1"}""")));

        CallbackSignature.Sign(Secret, 1_800_000_000, Body).ShouldBe($"t=1800000000,v1={expected}");
    }

    [Fact]
    public void a_signature_verifies_within_the_tolerance_either_way_and_not_beyond()
    {
        SignatureCheck At(int secondsAgo) =>
            CallbackSignature.Verify(Secret, CallbackSignature.Sign(Secret, Now.ToUnixTimeSeconds() - secondsAgo, Body), Body, Now, Tolerance);

        At(0).ShouldBe(SignatureCheck.Valid);
        At(300).ShouldBe(SignatureCheck.Valid);
        At(-300).ShouldBe(SignatureCheck.Valid);
        At(301).ShouldBe(SignatureCheck.OutsideTolerance);
        At(-301).ShouldBe(SignatureCheck.OutsideTolerance);
    }

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData(" ", SignatureCheck.Missing)]
    [InlineData("t=1800000000", SignatureCheck.Malformed)]
    [InlineData("t=abc,v1=00", SignatureCheck.Malformed)]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=1800000000,t=1800000001,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=1800000000,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Mismatch)]
    public void headers_that_are_not_a_valid_signature_are_refused(string? header, SignatureCheck check) =>
        CallbackSignature.Verify(Secret, header, Body, Now, Tolerance).ShouldBe(check);

    [Fact]
    public void a_change_of_one_body_byte_breaks_the_signature()
    {
        var header = CallbackSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;

        CallbackSignature.Verify(Secret, header, tampered, Now, Tolerance).ShouldBe(SignatureCheck.Mismatch);
    }
}
