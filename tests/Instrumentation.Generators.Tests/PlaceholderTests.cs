namespace Instrumentation.Generators.Tests;

public class PlaceholderTests
{
    [Xunit.Fact]
    public void Builds() => Xunit.Assert.Equal(2, 1 + 1);
}
