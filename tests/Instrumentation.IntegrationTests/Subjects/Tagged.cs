using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class Tagged
{
    [Traced]
    [return: Tag("app.result")]
    public static int Scale([Tag("app.input")] int input, string untagged) => input * 2 + untagged.Length;

    [Traced]
    [return: Tag("app.result")]
    public static async Task<string> ComputeAsync([Tag("app.input")] string input)
    {
        await Task.Yield();
        return input + "!";
    }

    [Traced]
    [return: Tag("app.result")]
    public static ValueTask<int> ComputeValueTask([Tag("app.input")] int input) => new(input + 1);

    [Traced]
    [return: Tag("app.result")]
    public static async ValueTask<int> ComputeValueTaskAsync([Tag("app.input")] int input)
    {
        await Task.Yield();
        return input + 2;
    }

    [Traced]
    public static void Split([Tag("app.text")] string text, [Tag("app.head")] out string head, [Tag("app.length")] out int length)
    {
        head = text[..1];
        length = text.Length;
    }

    [Traced]
    public static void Fail([Tag("app.input")] int input) => throw new System.InvalidOperationException("failed with " + input.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
