using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace Fn.AwsGuardDuty.Sandbox.Ec2;

/// <summary>Writes EC2 query-protocol XML: the DescribeRegions response and the <c>&lt;Response&gt;&lt;Errors&gt;</c> error document.</summary>
public static class Ec2XmlWriter
{
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static string DescribeRegionsResponse(string requestId, IEnumerable<Ec2RegionInfo> regions) =>
        Write(writer =>
        {
            writer.WriteStartElement("DescribeRegionsResponse", Namespace);
            writer.WriteElementString("requestId", Namespace, requestId);
            writer.WriteStartElement("regionInfo", Namespace);
            foreach (var region in regions)
            {
                writer.WriteStartElement("item", Namespace);
                writer.WriteElementString("regionName", Namespace, region.Name);
                writer.WriteElementString("regionEndpoint", Namespace, region.Endpoint);
                writer.WriteElementString("optInStatus", Namespace, region.OptInStatus);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });

    public static string ErrorResponse(string requestId, Ec2ErrorException error) =>
        Write(writer =>
        {
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Errors");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElementString("RequestID", requestId);
            writer.WriteEndElement();
        });

    public static async Task WriteAsync(HttpResponse response, int statusCode, string xml, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        response.StatusCode = statusCode;
        response.ContentType = "text/xml;charset=UTF-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static string Write(Action<XmlWriter> body)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            body(writer);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + builder;
    }
}
