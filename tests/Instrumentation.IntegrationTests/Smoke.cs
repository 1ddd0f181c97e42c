namespace Instrumentation.IntegrationTests; public class Smoke { [Xunit.Fact] public void Runs() => Xunit.Assert.True(typeof(TracedAttribute).Assembly is not null); }
