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
        while (end < _value.Length && _value[end] != _separator)
        {
            end += _release is byte r && _value[end] == r ? 2 : 1;
        }
        end = Math.Min(end, _value.Length);
        ValueSpan = _value[_position..end];
        _position = end + 1;
        Index++;
        return true;
    }
}
