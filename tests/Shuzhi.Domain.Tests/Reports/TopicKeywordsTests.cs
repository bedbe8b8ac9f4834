using Shuzhi.Domain.Campaigns;
using Shuzhi.Domain.Reports;

namespace Shuzhi.Domain.Tests.Reports;

public class TopicKeywordsTests
{
    [Fact]
    public void A_campaign_topic_brings_its_keywords_and_every_keyword_must_appear()
    {
        var topic = TopicKeywords.From(CampaignTopic.Create(1, true, 1, "防风险保安全", "", "防风险，保安全"));
        Assert.Equal(["防风险", "保安全"], topic.Keywords);
        Assert.True(topic.IsMustAnswer);
        Assert.Equal(["保安全"], topic.MissingIn("我牵头防风险排查。"));
        Assert.Empty(topic.MissingIn("我牵头防风险、保 安全工作。"));
    }

    [Fact]
    public void A_topic_without_keywords_must_name_its_title()
    {
        var topic = new TopicKeywords("乡村振兴", []);
        Assert.Equal(["乡村振兴"], topic.MissingIn("抓党建促发展"));
        Assert.Empty(topic.MissingIn("抓党建促乡村振兴"));
    }
}
