namespace Segmentation.Testing;

/// <summary>Small hand-made tables of the data model whose features are known by hand (the feature-table fixtures).</summary>
public static class HandMadeTables
{
    public static void Write(TempDirectory dir)
    {
        dir.Write("customers.csv", """
            customer_id,signup_date,birth_year,gender,income,occupation,education,region,city_tier,company_size,industry,lifestyle,price_sensitivity
            C1,2025-12-01,1980,F,50000,office,bachelor,east,1,,,practical,3
            C2,2026-02-01,1990,M,42000,service,secondary,north,3,,,family,4
            C3,2026-11-05,1985,U,,,,south,2,,,,
            C4,,,M,,,,north,,small,retail,,
            C5,2026-01-01,2000,F,,student,,east,1,,,trendsetter,5

            """);
        dir.Write("transactions.csv", """
            transaction_id,customer_id,timestamp,amount,cost,quantity,channel,category,region,campaign_id,is_return
            T01,C1,2026-01-10 09:00:00,100.00,60,1,web,apparel,east,,0
            T02,C1,2026-01-10 15:00:00,50.00,30,1,store,apparel,east,,0
            T03,C1,2026-03-15 12:00:00,200.00,120,2,app,home,east,K1,0
            T04,C1,2026-03-20 12:00:00,-50.00,,,store,apparel,east,,1
            T05,C1,2026-07-01 10:00:00,80.00,50,1,store,apparel,east,,0
            T06,C1,2026-11-15 10:00:00,999.00,500,1,web,beauty,east,,0
            T07,C4,2026-10-01 08:00:00,40.00,20,1,phone,sports,north,,0
            T08,C5,2026-05-05 10:00:00,-30.00,,,store,home,east,,1
            T09,C3,2026-11-20 10:00:00,70.00,,,store,home,south,,0

            """);
        dir.Write("feedback.csv", """
            customer_id,date,csat,nps,complaint,referred_customers
            C1,2026-02-01,4,9,0,2
            C1,2026-06-01,5,,1,1
            C1,2026-11-20,1,0,1,5

            """);
        dir.Write("campaigns.csv", """
            campaign_id,name,target_segment,start,end,cost
            K1,Spring,loyal,2026-03-01,2026-03-31,1000
            K2,Autumn,all,2026-09-01,2026-12-31,2000
            K3,Winter,all,2026-11-10,2026-12-20,500

            """);
        dir.Write("campaign_assignments.csv", """
            campaign_id,customer_id,group
            K1,C1,treatment
            K2,C1,treatment
            K3,C1,treatment
            K1,C4,control

            """);
    }
}
