using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Domovoy.Generators.Json;

/// <summary>
/// A small, strict RFC 8259 JSON reader (no comments, no trailing commas, one top-level value).
/// Why not System.Text.Json: an analyzer targets netstandard2.0 and runs inside whatever compiler host loads it
/// (csc on .NET, Visual Studio on .NET Framework, OmniSharp, Rider); System.Text.Json is not guaranteed to be loadable
/// there at the version we would compile against, and shipping it beside the analyzer risks version conflicts with the
/// host's own copy. The snapshot format is small and fixed, so a 200-line reader is the safer dependency.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private JsonReader(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/> into a tree.</summary>
    /// <exception cref="JsonException">The text is not exactly one valid JSON value.</exception>
    public static JsonNode Parse(string text)
    {
        var reader = new JsonReader(text);
        if (reader._text.Length > 0 && reader._text[0] == '\uFEFF')
        {
            reader._position = 1;
        }

        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position < reader._text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error($"nesting deeper than {MaxDepth}");
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of the file; expected a value");
        }

        var line = _line;
        var column = Column;
        switch (_text[_position])
        {
            case '{':
                return ReadObject(depth, line, column);
            case '[':
                return ReadArray(depth, line, column);
            case '"':
                return JsonNode.Scalar(JsonKind.String, ReadString(), line, column);
            case 't':
                ReadLiteral("true");
                return JsonNode.Scalar(JsonKind.True, "true", line, column);
            case 'f':
                ReadLiteral("false");
                return JsonNode.Scalar(JsonKind.False, "false", line, column);
            case 'n':
                ReadLiteral("null");
                return JsonNode.Scalar(JsonKind.Null, null, line, column);
            default:
                return JsonNode.Scalar(JsonKind.Number, ReadNumber(), line, column);
        }
    }

    private JsonNode ReadObject(int depth, int line, int column)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonNode>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return JsonNode.Object(members, line, column);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            var name = ReadString();
            SkipWhitespace();
            Expect(':');
            members.Add(new KeyValuePair<string, JsonNode>(name, ReadValue(depth + 1)));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
            {
                return JsonNode.Object(members, line, column);
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or '}'");
            }
        }
    }

    private JsonNode ReadArray(int depth, int line, int column)
    {
        _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return JsonNode.Array(items, line, column);
        }

        while (true)
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
            {
                return JsonNode.Array(items, line, column);
            }

            if (next != ',')
            {
                _position--;
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        _position++;

        // Most strings have no escapes: cut them out of the text instead of building them (a big snapshot has ~100,000).
        var end = _position;
        while (end < _text.Length && _text[end] is not ('"' or '\\') && _text[end] >= ' ')
        {
            end++;
        }

        if (end < _text.Length && _text[end] == '"')
        {
            var plain = _text.Substring(_position, end - _position);
            _position = end + 1;
            return plain;
        }

        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                _position--;
                throw Error("control character in a string (escape it)");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Error("unterminated escape");
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape; expected four hex digits");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    _position--;
                    throw Error($"invalid escape '\\{escape}'");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (!ReadDigits())
        {
            _position = start;
            throw Error("expected a value");
        }

        if (Peek() == '.')
        {
            _position++;
            if (!ReadDigits())
            {
                throw Error("expected digits after '.'");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (!ReadDigits())
            {
                throw Error("expected digits in the exponent");
            }
        }

        return _text.Substring(start, _position - start);
    }

    private bool ReadDigits()
    {
        var start = _position;
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }

        return _position > start;
    }

    private void ReadLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("expected a value");
        }

        _position += literal.Length;
    }

    private void Expect(char expected)
    {
        if (Peek() != expected)
        {
            throw Error($"expected '{expected}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _lineStart = _position + 1;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return;
            }

            _position++;
        }
    }

    private int Column => _position - _lineStart + 1;

    private JsonException Error(string message) => new(message, _line, Column);
}
