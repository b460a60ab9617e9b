namespace Gateway.Edi;

/// <summary>Splits one element value at a separator (component or repetition), honouring the release character.</summary>
public ref struct EdiComponentReader
{
    private readonly ReadOnlySpan<byte> _value;
    private readonly byte _separator;
    private readonly byte? _release;
    private int _position;

    /// <summary>Creates a splitter over <paramref name="value"/>.</summary>
    public EdiComponentReader(ReadOnlySpan<byte> value, byte separator, byte? release = null)
    {
        _value = value;
        _separator = separator;
        _release = release;
        _position = 0;
        Index = 0;
    }

    /// <summary>The current part.</summary>
    public ReadOnlySpan<byte> ValueSpan { get; private set; }

    /// <summary>The 1-based number of the current part.</summary>
    public int Index { get; private set; }

    /// <summary>Moves to the next part; false after the last.</summary>
    public bool Read()
    {
        if (_position > _value.Length)
        {
            return false;
        }
        int end = _position;
        while (true)
        {
            ReadOnlySpan<byte> rest = _value[end..];
            int i = _release is byte r ? rest.IndexOfAny(_separator, r) : rest.IndexOf(_separator);
            if (i < 0)
            {
                end = _value.Length;
                break;
            }
            end += i;
            if (_value[end] == _separator)
            {
                break;
            }
            end += 2; // a release character frees the byte after it
            if (end >= _value.Length)
            {
                break;
            }
        }
        end = Math.Min(end, _value.Length);
        ValueSpan = _value[_position..end];
        _position = end + 1;
        Index++;
        return true;
    }
}
