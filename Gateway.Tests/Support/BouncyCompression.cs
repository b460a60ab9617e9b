using System.Text;
using Org.BouncyCastle.Cms;

namespace Gateway.Tests.Support;

/// <summary>
/// RFC 5402 compressed-data made and read by BouncyCastle directly, as an independent peer: Debian's openssl has no
/// zlib, and the gateway's own compression code must not check itself.
/// </summary>
internal static class BouncyCompression
{
    /// <summary>A MIME entity holding <paramref name="entity"/> as zlib compressed-data, in binary.</summary>
    public static byte[] Compress(byte[] entity)
    {
        byte[] der = new CmsCompressedDataGenerator().Generate(new CmsProcessableByteArray(entity), CmsCompressedDataGenerator.ZLib).GetEncoded();
        byte[] header = Encoding.ASCII.GetBytes("Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=\"smime.p7z\"\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        return [.. header, .. der];
    }

    /// <summary>The content of DER compressed-data.</summary>
    public static byte[] Decompress(byte[] der) => new CmsCompressedData(der).GetContent();
}
