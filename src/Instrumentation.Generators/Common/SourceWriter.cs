using System.Text;

namespace Instrumentation.Generators.Common;

/// <summary>Minimal indented text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes what <paramref name="write"/> writes one level deeper.</summary>
    public SourceWriter Indent(System.Action<SourceWriter> write)
    {
        _indent++;
        write(this);
        _indent--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
